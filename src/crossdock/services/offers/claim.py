"""A store claims an offer: it gets the work, the other stores' offers are withdrawn and their holds released."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentOrder, Location, OfferOutcome, OfferRound
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.offers import Outcome, RoundStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.offers.holds import close_round, end_offers
from crossdock.services.offers.units import offered_units
from crossdock.services.reliability.refresh import refresh_reliability
from crossdock.services.timeline import EventDraft, record_order_events


@dataclass(frozen=True, slots=True)
class ClaimedOffer:
    fulfilment_id: int
    order_id: int
    location: str
    withdrawn: tuple[int, ...]  # the other stores' fulfilments
    replayed: bool = False  # this store had already claimed it


def claim_offer(fulfilment_id: int, *, location: str, actor: str) -> ClaimedOffer:
    """`location` (a store code) claims the offered fulfilment. A second claim by the same store is answered
    as the first. Raises NotFound (no such offer to this store), IllegalTransition (withdrawn, expired, or
    claimed by another store)."""
    order_id, location_id = _offer_of(fulfilment_id, location)
    with transaction.atomic():
        locks.lock_order(order_id)  # claims of one order queue here: exactly one wins
        fulfilment = FulfilmentOrder.objects.select_for_update().get(pk=fulfilment_id)
        status = FulfilmentStatus(fulfilment.status)
        if status != FulfilmentStatus.OFFERED:
            return _already(fulfilment, location, status)
        offer_round = OfferRound.objects.select_for_update().get(fulfilments=fulfilment)
        siblings = list(
            FulfilmentOrder.objects.filter(offer_round=offer_round, status=FulfilmentStatus.OFFERED)
            .exclude(pk=fulfilment_id)
            .order_by("pk")
        )
        if offered_units([fulfilment]) != offered_units([fulfilment, *siblings]):
            raise IllegalTransition(
                f"store {location} no longer holds every item of offer {fulfilment_id} (a stock count came in "
                "lower); another store it was offered to can claim it",
                field="fulfilment_id",
            )
        now = clock.now()
        end_offers(siblings, FulfilmentStatus.WITHDRAWN, now)
        _move(fulfilment, FulfilmentStatus.CLAIMED, now)
        close_round(offer_round, RoundStatus.CLAIMED, now)
        _remember(offer_round, fulfilment, siblings, now)
        _record(order_id, offer_round, fulfilment, siblings, location=location, location_id=location_id, actor=actor)
        refresh_reliability([location_id, *(s.location_id for s in siblings)], now=now)
    return ClaimedOffer(fulfilment_id, order_id, location, tuple(s.pk for s in siblings))


def _offer_of(fulfilment_id: int, location: str) -> tuple[int, int]:
    found = (
        FulfilmentOrder.objects.filter(pk=fulfilment_id, location__code=location, offer_round__isnull=False)
        .values_list("order_id", "location_id")
        .first()
    )
    if found is None:
        raise NotFound(f"store {location} has no offer {fulfilment_id}", field="fulfilment_id")
    return found


def _already(fulfilment: FulfilmentOrder, location: str, status: FulfilmentStatus) -> ClaimedOffer:
    if status in (FulfilmentStatus.CLAIMED, FulfilmentStatus.PICKING, FulfilmentStatus.PACKED):
        return ClaimedOffer(fulfilment.pk, fulfilment.order_id, location, (), replayed=True)
    raise IllegalTransition(f"offer {fulfilment.pk} is {status}: it can no longer be claimed", field="fulfilment_id")


def _move(fulfilment: FulfilmentOrder, target: FulfilmentStatus, now: datetime) -> None:
    fulfilment.status = check_transition(
        FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), target, field="fulfilment_id"
    )
    fulfilment.updated_at = now
    fulfilment.save(update_fields=["status", "updated_at"])


def _remember(
    offer_round: OfferRound, claimed: FulfilmentOrder, withdrawn: list[FulfilmentOrder], now: datetime
) -> None:
    latency = (now - offer_round.opened_at).total_seconds()
    OfferOutcome.objects.bulk_create(
        [
            OfferOutcome(
                location_id=claimed.location_id,
                order_id=claimed.order_id,
                fulfilment_id=claimed.pk,
                outcome=Outcome.CLAIMED,
                latency_seconds=latency,
                offered_at=offer_round.opened_at,
                decided_at=now,
            )
        ]
        + [
            OfferOutcome(
                location_id=f.location_id,
                order_id=f.order_id,
                fulfilment_id=f.pk,
                outcome=Outcome.WITHDRAWN,
                offered_at=offer_round.opened_at,
                decided_at=now,
            )
            for f in withdrawn
        ]
    )


def _record(
    order_id: int,
    offer_round: OfferRound,
    claimed: FulfilmentOrder,
    withdrawn: list[FulfilmentOrder],
    *,
    location: str,
    location_id: int,
    actor: str,
) -> None:
    now = claimed.updated_at
    codes = dict(Location.objects.filter(pk__in=[f.location_id for f in withdrawn]).values_list("pk", "code"))
    drafts = [
        EventDraft(
            OrderEventType.OFFER_CLAIMED,
            {"round": offer_round.number, "fulfilment_id": claimed.pk, "location": location},
        )
    ]
    if withdrawn:
        offers = [{"fulfilment_id": f.pk, "location": codes[f.location_id]} for f in withdrawn]
        drafts.append(
            EventDraft(
                OrderEventType.OFFERS_WITHDRAWN,
                {"round": offer_round.number, "offers": offers},
                reason=f"claimed by {location}",
            )
        )
    record_order_events(
        order_id,
        drafts,
        actor=actor,
        at=now,
        topic="fulfilment.claimed",
        payload={"order_id": order_id, "fulfilment_id": claimed.pk, "location": location, "location_id": location_id},
    )
