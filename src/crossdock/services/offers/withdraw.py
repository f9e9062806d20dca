"""Calling offers back before anyone claimed: the order went on hold (or is re-routed by hand)."""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import Location, Order
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.offers import RoundStatus
from crossdock.services.offers.holds import close_round, end_offers, lock_order_stock
from crossdock.services.offers.units import offered_units, unallocate
from crossdock.services.timeline import EventDraft


def withdraw_open_offers(order: Order, *, reason: str, now: datetime) -> list[EventDraft]:
    """On a locked order: every open round is closed, its offers withdrawn and their stock released; the
    units wait unallocated for the next routing. Returns the timeline events for the caller to record."""
    drafts = []
    rounds = list(order.offer_rounds.select_for_update().filter(status=RoundStatus.OPEN).order_by("pk"))
    if rounds:
        lock_order_stock(order.pk)  # the rounds' holds in one pass, not round by round
    for offer_round in rounds:
        offered = list(offer_round.fulfilments.filter(status=FulfilmentStatus.OFFERED).order_by("pk"))
        units = offered_units(offered)
        end_offers(offered, FulfilmentStatus.WITHDRAWN, now)
        unallocate(units)
        close_round(offer_round, RoundStatus.CLOSED, now)
        codes = dict(Location.objects.filter(pk__in=[f.location_id for f in offered]).values_list("pk", "code"))
        offers = [{"fulfilment_id": f.pk, "location": codes[f.location_id]} for f in offered]
        drafts.append(
            EventDraft(OrderEventType.OFFERS_WITHDRAWN, {"round": offer_round.number, "offers": offers}, reason)
        )
    return drafts
