"""When a count comes in below what is reserved, the newest reservations give way.

A physical count is the truth: on-hand includes units reserved and even picked but not yet
shipped. If it leaves a position unable to cover its reservations, the youngest order
reservations there are released and their units go back to `unallocated`, so that
`reserved ≤ on_hand − safety_stock` holds again and routing can find the units elsewhere.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OrderLine, Reservation, StockPosition
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import CANCELLABLE, FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import LINE_TRANSITIONS, LineStatus
from crossdock.domain.stock import StockLevel
from crossdock.domain.transitions import check_transition
from crossdock.services.timeline import EventDraft, record_order_events


def short_positions(location_id: int) -> list[int]:
    return list(
        StockPosition.objects.filter(location_id=location_id, reserved__gt=0)
        .filter(reserved__gt=F("on_hand") - F("safety_stock"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def release_shortages(position_ids: list[int], *, actor: str, now: datetime) -> int:
    """Release the youngest reservations until each position covers the rest. Returns units released."""
    released = 0
    for position in locks.lock_positions(position_ids):
        excess = StockLevel(position.on_hand, position.reserved, position.safety_stock).shortage
        for reservation in position.reservations.select_related("order_line").order_by("-created_at", "-id"):
            if excess == 0:
                break
            taken = min(excess, reservation.quantity)
            _give_way(reservation, taken, position, actor=actor, now=now)
            excess -= taken
            released += taken
    return released


def _give_way(reservation: Reservation, quantity: int, position: StockPosition, *, actor: str, now: datetime) -> None:
    locks.release_reserved(position.pk, quantity)
    if quantity == reservation.quantity:
        reservation.delete()
    else:
        Reservation.objects.filter(pk=reservation.pk).update(quantity=F("quantity") - quantity)
    line = reservation.order_line
    if line is None:
        return
    held_elsewhere = _offered_elsewhere(line, position.location_id)
    FulfilmentLine.objects.filter(order_line=line, fulfilment__location_id=position.location_id).update(
        quantity=F("quantity") - quantity
    )
    _drop_emptied_fulfilments(line, position.location_id, now)
    if held_elsewhere:  # other stores offered the same units still hold them: the line keeps them
        _record_shortage(line, quantity, position, actor=actor, now=now)
        return
    line.status = (
        check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.UNALLOCATED)
        if line.status != LineStatus.UNALLOCATED
        else line.status
    )
    OrderLine.objects.filter(pk=line.pk).update(
        status=line.status, unallocated_quantity=F("unallocated_quantity") + quantity
    )
    _record_shortage(line, quantity, position, actor=actor, now=now)


def _offered_elsewhere(line: OrderLine, location_id: int) -> bool:
    """The line's units here are one store's share of an open offer, and another store's offer holds them too."""
    round_ids = FulfilmentOrder.objects.filter(
        location_id=location_id, status=FulfilmentStatus.OFFERED, lines__order_line=line
    ).values("offer_round_id")
    return (
        FulfilmentOrder.objects.filter(
            offer_round_id__in=round_ids, status=FulfilmentStatus.OFFERED, lines__order_line=line
        )
        .exclude(location_id=location_id)
        .exists()
    )


def _record_shortage(line: OrderLine, quantity: int, position: StockPosition, *, actor: str, now: datetime) -> None:
    record_order_events(
        line.order_id,
        [
            EventDraft(
                OrderEventType.STOCK_SHORTAGE,
                {"line": line.line_number, "quantity": quantity, "location_id": position.location_id},
                reason="a stock count came in below the reserved quantity",
            )
        ],
        actor=actor,
        at=now,
        topic="order.stock_shortage",
        payload={"order_id": line.order_id, "line": line.line_number, "quantity": quantity},
    )


def _drop_emptied_fulfilments(line: OrderLine, location_id: int, now: datetime) -> None:
    """No store should be asked to fulfil zero units: drop emptied lines, cancel emptied fulfilments."""
    emptied = FulfilmentLine.objects.filter(order_line=line, fulfilment__location_id=location_id, quantity=0)
    fulfilment_ids = list(emptied.values_list("fulfilment_id", flat=True))
    if not fulfilment_ids:
        return
    emptied.delete()
    for fulfilment in FulfilmentOrder.objects.filter(pk__in=fulfilment_ids, lines__isnull=True):
        status = FulfilmentStatus(fulfilment.status)
        if status in CANCELLABLE:
            fulfilment.status = check_transition(FULFILMENT_TRANSITIONS, status, FulfilmentStatus.CANCELLED)
            fulfilment.updated_at = now
            fulfilment.save(update_fields=["status", "updated_at"])
