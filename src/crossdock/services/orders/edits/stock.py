"""The stock side of an edit: give back what the edited lines hold, then reserve their new shape."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order, OrderLine, Reservation
from crossdock.domain.fulfilment import CANCELLABLE, FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.transitions import check_transition
from crossdock.services.orders.sourcing import Hold

JOINABLE = (FulfilmentStatus.ASSIGNED, FulfilmentStatus.HELD)


def release_lines(order: Order, lines: list[OrderLine], now: datetime, *, cancel_emptied: bool = True) -> None:
    """Release the lines' reservations and take them off their fulfilment orders; emptied ones are
    cancelled (unless the caller will fill them again first).

    The positions must already be locked (stock before fulfilments, in pk order).
    """
    reservations = Reservation.objects.filter(order_line__in=lines)
    per_position: dict[int, int] = defaultdict(int)
    for position_id, quantity in reservations.values_list("position_id", "quantity"):
        per_position[position_id] += quantity
    for position in locks.lock_positions(per_position):
        locks.release_reserved(position.pk, per_position[position.pk])
    reservations.delete()
    FulfilmentLine.objects.filter(order_line__in=lines).exclude(fulfilment__status=FulfilmentStatus.CANCELLED).delete()
    if cancel_emptied:
        cancel_emptied_fulfilments(order, now)


def cancel_emptied_fulfilments(order: Order, now: datetime) -> None:
    """No location is asked to fulfil nothing: fulfilment orders left without lines are cancelled."""
    emptied = (
        FulfilmentOrder.objects.select_for_update(of=("self",)).filter(order=order, lines__isnull=True).order_by("pk")
    )
    for fulfilment in emptied.filter(status__in=CANCELLABLE):  # withdrawn or expired offers are over already
        fulfilment.status = check_transition(
            FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), FulfilmentStatus.CANCELLED
        )
        fulfilment.updated_at = now
        fulfilment.save(update_fields=["status", "updated_at"])


def place_holds(order: Order, lines: list[OrderLine], holds: list[Hold], *, held: bool, now: datetime) -> list[int]:
    """Put reserved units on fulfilment orders: an open one at the same location and method, else a new one.

    `lines[hold.line_key]` is the line each hold serves. Returns the ids of the fulfilments created.
    """
    grouped: dict[tuple[int, str], list[Hold]] = defaultdict(list)
    for hold in holds:
        grouped[(hold.location_id, lines[hold.line_key].delivery_method)].append(hold)
    created = []
    for (location_id, method), group in grouped.items():
        fulfilment = (
            FulfilmentOrder.objects.select_for_update()
            .filter(order=order, location_id=location_id, delivery_method=method, status__in=JOINABLE)
            .order_by("pk")
            .first()
        )
        if fulfilment is None:
            status = FulfilmentStatus.HELD if held else FulfilmentStatus.ASSIGNED
            fulfilment = FulfilmentOrder.objects.create(
                order=order,
                location_id=location_id,
                delivery_method=method,
                status=status,
                created_at=now,
                updated_at=now,
            )
            created.append(fulfilment.pk)
        FulfilmentLine.objects.bulk_create(
            FulfilmentLine(fulfilment=fulfilment, order_line=lines[hold.line_key], quantity=hold.quantity)
            for hold in group
        )
    Reservation.objects.bulk_create(
        Reservation(position_id=hold.position_id, order_line=lines[hold.line_key], quantity=hold.quantity)
        for hold in holds
    )
    return created
