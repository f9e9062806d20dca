"""Calling offers back before anyone claimed: the order went on hold (or is re-routed by hand)."""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import Location, Order
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.offers import ROUND_TRANSITIONS, RoundStatus
from crossdock.domain.transitions import check_transition
from crossdock.services.offers.holds import forget_lines, lock_holds, release_holds
from crossdock.services.offers.units import offered_units, unallocate
from crossdock.services.timeline import EventDraft


def withdraw_open_offers(order: Order, *, reason: str, now: datetime) -> list[EventDraft]:
    """On a locked order: every open round is closed, its offers withdrawn and their stock released; the
    units wait unallocated for the next routing. Returns the timeline events for the caller to record."""
    drafts = []
    for offer_round in order.offer_rounds.select_for_update().filter(status=RoundStatus.OPEN).order_by("pk"):
        offered = list(offer_round.fulfilments.filter(status=FulfilmentStatus.OFFERED).order_by("pk"))
        units = offered_units(offered[0]) if offered else {}
        release_holds(lock_holds(offered))
        for fulfilment in offered:
            fulfilment.status = check_transition(
                FULFILMENT_TRANSITIONS, FulfilmentStatus.OFFERED, FulfilmentStatus.WITHDRAWN
            )
            fulfilment.updated_at = now
            fulfilment.save(update_fields=["status", "updated_at"])
        forget_lines(offered)
        unallocate(units)
        offer_round.status = check_transition(ROUND_TRANSITIONS, RoundStatus.OPEN, RoundStatus.CLOSED)
        offer_round.closed_at = now
        offer_round.save(update_fields=["status", "closed_at"])
        codes = dict(Location.objects.filter(pk__in=[f.location_id for f in offered]).values_list("pk", "code"))
        offers = [{"fulfilment_id": f.pk, "location": codes[f.location_id]} for f in offered]
        drafts.append(
            EventDraft(OrderEventType.OFFERS_WITHDRAWN, {"round": offer_round.number, "offers": offers}, reason)
        )
    return drafts
