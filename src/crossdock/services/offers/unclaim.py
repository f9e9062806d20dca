"""A store gives back work it claimed: the order goes back to routing without that store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import (
    FulfilmentLine,
    FulfilmentOrder,
    OfferOutcome,
    RoutingExclusion,
    StockPosition,
)
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.offers import Outcome, UnclaimReason
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.inventory.shortages import release_shortages
from crossdock.services.offers.holds import forget_lines, lock_holds, lock_order_stock, release_holds
from crossdock.services.offers.units import unallocate
from crossdock.services.reliability.refresh import refresh_reliability
from crossdock.services.routing.reroute import Rerouted, reroute_order
from crossdock.services.timeline import EventDraft, record_order_events


@dataclass(frozen=True, slots=True)
class Unclaimed:
    fulfilment_id: int
    order_id: int
    reason: str
    stock_corrected: dict[str, int]  # SKU → on-hand now recorded at the store
    rerouted: Rerouted


def unclaim_fulfilment(fulfilment_id: int, *, location: str, reason: str, note: str = "", actor: str) -> Unclaimed:
    """The store that claimed the fulfilment gives it back. `out_of_stock` also records that the store has
    none of those SKUs left that are not held for other orders. Raises InvalidInput (unknown reason),
    NotFound (not this store's work), IllegalTransition (not claimed, or already being picked)."""
    why = _reason(reason)
    order_id = _claimed_by(fulfilment_id, location)
    with transaction.atomic():
        order = locks.lock_order(order_id)
        fulfilment = FulfilmentOrder.objects.select_for_update().get(pk=fulfilment_id)
        if FulfilmentStatus(fulfilment.status) != FulfilmentStatus.CLAIMED:
            raise IllegalTransition(
                f"fulfilment {fulfilment_id} is {fulfilment.status}: only claimed work can be unclaimed",
                field="fulfilment_id",
            )
        now = clock.now()
        lock_order_stock(order_id)
        lines = list(FulfilmentLine.objects.filter(fulfilment=fulfilment).select_related("order_line"))
        held = lock_holds([fulfilment])
        release_holds(held)
        corrected = _correct_stock(fulfilment, lines, actor=actor, now=now) if why == UnclaimReason.OUT_OF_STOCK else {}
        unallocate({fl.order_line_id: fl.quantity for fl in lines})
        fulfilment.status = check_transition(
            FULFILMENT_TRANSITIONS, FulfilmentStatus.CLAIMED, FulfilmentStatus.UNCLAIMED
        )
        fulfilment.updated_at = now
        fulfilment.save(update_fields=["status", "updated_at"])
        forget_lines([fulfilment])
        RoutingExclusion.objects.get_or_create(
            order_id=order_id, location_id=fulfilment.location_id, defaults={"reason": "unclaimed", "created_at": now}
        )
        _remember(fulfilment, why, now)
        _record(order_id, fulfilment, lines, why, note, corrected, location=location, actor=actor, now=now)
        rerouted = reroute_order(order, reason="unclaimed", actor=actor, now=now)
        refresh_reliability([fulfilment.location_id], now=now)
    return Unclaimed(fulfilment_id, order_id, str(why), corrected, rerouted)


def _reason(reason: str) -> UnclaimReason:
    try:
        return UnclaimReason(reason)
    except ValueError:
        allowed = ", ".join(r.value for r in UnclaimReason)
        raise InvalidInput(f"reason must be one of {allowed}", field="reason") from None


def _claimed_by(fulfilment_id: int, location: str) -> int:
    order_id = (
        FulfilmentOrder.objects.filter(pk=fulfilment_id, location__code=location)
        .values_list("order_id", flat=True)
        .first()
    )
    if order_id is None:
        raise NotFound(f"store {location} has no fulfilment {fulfilment_id}", field="fulfilment_id")
    return int(order_id)


def _correct_stock(
    fulfilment: FulfilmentOrder, lines: list[FulfilmentLine], *, actor: str, now: datetime
) -> dict[str, int]:
    """The store says it has none: what it still holds for other orders is all its on-hand can be."""
    product_ids = {fl.order_line.product_id: fl.order_line.sku for fl in lines}
    positions = StockPosition.objects.filter(location_id=fulfilment.location_id, product_id__in=product_ids)
    corrected = {}
    for position in locks.lock_positions(positions.values_list("pk", flat=True)):
        position.on_hand = min(position.on_hand, position.reserved)
        position.updated_at = now
        position.save(update_fields=["on_hand", "updated_at"])
        corrected[product_ids[position.product_id]] = position.on_hand
    release_shortages(sorted(positions.values_list("pk", flat=True)), actor=actor, now=now)
    return corrected


def _remember(fulfilment: FulfilmentOrder, reason: UnclaimReason, now: datetime) -> None:
    offered_at = fulfilment.offer_round.opened_at if fulfilment.offer_round else fulfilment.created_at
    OfferOutcome.objects.create(
        location_id=fulfilment.location_id,
        order_id=fulfilment.order_id,
        fulfilment_id=fulfilment.pk,
        outcome=Outcome.UNCLAIMED,
        reason=str(reason),
        offered_at=offered_at,
        decided_at=now,
    )


def _record(
    order_id: int,
    fulfilment: FulfilmentOrder,
    lines: list[FulfilmentLine],
    reason: UnclaimReason,
    note: str,
    corrected: dict[str, int],
    *,
    location: str,
    actor: str,
    now: datetime,
) -> None:
    data = {
        "fulfilment_id": fulfilment.pk,
        "location": location,
        "lines": [{"line": fl.order_line.line_number, "quantity": fl.quantity} for fl in lines],
        "stock_corrected": corrected,
    }
    record_order_events(
        order_id,
        [EventDraft(OrderEventType.FULFILMENT_UNCLAIMED, data, reason=f"{reason}{': ' + note if note else ''}")],
        actor=actor,
        at=now,
        topic="fulfilment.unclaimed",
        payload={"order_id": order_id, "reason": str(reason), **data},
    )
