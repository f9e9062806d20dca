"""Claim timeouts: an open round past its time is expired and the order escalates up its ladder.

The round row is the durable timer. Workers take due rounds with SKIP LOCKED, so several may run at
once; the round's status makes each timer fire once even when a claim races the timeout."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentOrder, Location, OfferOutcome, OfferRound, RoutingExclusion
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.offers import Outcome, RoundStatus
from crossdock.domain.routing.profile import EscalationStep
from crossdock.services.offers.holds import close_round, end_offers, lock_order_stock
from crossdock.services.offers.units import offered_units, unallocate
from crossdock.services.reliability.refresh import refresh_reliability
from crossdock.services.routing.reroute import reroute_order
from crossdock.services.timeline import EventDraft, record_order_events

ROUNDS_PER_PASS = 100
WORKER = "worker"


def expire_due_offer_rounds(now: datetime, *, limit: int = ROUNDS_PER_PASS) -> int:
    """Expire every open round whose claim timeout has passed, one transaction each. Returns how many."""
    expired = 0
    for round_id in _due(now, limit):
        if expire_offer_round(round_id, now=now):
            expired += 1
    return expired


def _due(now: datetime, limit: int) -> list[int]:
    return list(
        OfferRound.objects.filter(status=RoundStatus.OPEN, expires_at__lte=now)
        .order_by("expires_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def expire_offer_round(round_id: int, *, now: datetime) -> bool:
    """Expire one round if it is still open and due (False when a claim or another worker got there first)."""
    order_id = OfferRound.objects.filter(pk=round_id).values_list("order_id", flat=True).first()
    if order_id is None:
        return False
    with transaction.atomic():
        order = locks.lock_order(order_id)
        offer_round = (
            OfferRound.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=round_id, status=RoundStatus.OPEN, expires_at__lte=now)
            .first()
        )
        if offer_round is None:
            return False
        lock_order_stock(order_id)
        offered = list(offer_round.fulfilments.filter(status=FulfilmentStatus.OFFERED).order_by("pk"))
        if not offered:  # the order was cancelled or edited meanwhile: nothing is offered any more
            close_round(offer_round, RoundStatus.CLOSED, now)
            return True
        units = offered_units(offered)
        end_offers(offered, FulfilmentStatus.EXPIRED, now)
        unallocate(units)
        close_round(offer_round, RoundStatus.EXPIRED, now)
        _remember(offer_round, offered, now)
        _record(order_id, offer_round, offered, now)
        ladder = [EscalationStep(step) for step in offer_round.escalation]
        reroute_order(order, reason="claim_timeout", actor=WORKER, now=now, ladder=ladder)
        refresh_reliability([f.location_id for f in offered], now=now)
    return True


def _remember(offer_round: OfferRound, offered: list[FulfilmentOrder], now: datetime) -> None:
    OfferOutcome.objects.bulk_create(
        OfferOutcome(
            location_id=f.location_id,
            order_id=f.order_id,
            fulfilment_id=f.pk,
            outcome=Outcome.EXPIRED,
            offered_at=offer_round.opened_at,
            decided_at=now,
        )
        for f in offered
    )
    RoutingExclusion.objects.bulk_create(
        [
            RoutingExclusion(order_id=f.order_id, location_id=f.location_id, reason="expired", created_at=now)
            for f in offered
        ],
        ignore_conflicts=True,
    )


def _record(order_id: int, offer_round: OfferRound, offered: list[FulfilmentOrder], now: datetime) -> None:
    codes = dict(Location.objects.filter(pk__in=[f.location_id for f in offered]).values_list("pk", "code"))
    data = {
        "round": offer_round.number,
        "offers": [{"fulfilment_id": f.pk, "location": codes[f.location_id]} for f in offered],
        "next": list(offer_round.escalation),
    }
    record_order_events(
        order_id,
        [EventDraft(OrderEventType.OFFERS_EXPIRED, data, reason="no store claimed before the timeout")],
        actor=WORKER,
        at=now,
        topic="offers.expired",
        payload={"order_id": order_id, **data},
    )
