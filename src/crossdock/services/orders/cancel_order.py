"""Cancel a whole order or some of its lines, releasing their stock."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentOrder, Order, OrderLine, Reservation
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import CANCELLABLE, FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import (
    LINE_TRANSITIONS,
    OPEN_LINE_STATUSES,
    ORDER_TRANSITIONS,
    LineStatus,
    OrderStatus,
    order_status_for,
)
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.orders.cancellation_money import settle_cancellation
from crossdock.services.timeline import EventDraft, record_order_events


def cancel_order(order_id: int, *, reason: str, actor: str, line_numbers: list[int] | None = None) -> None:
    """Cancel the order (all open lines) or the listed lines, and release their reservations.

    Raises NotFound for an unknown order, InvalidInput for a line number the order lacks, and
    IllegalTransition when a line is already fulfilled, cancelled, or its stock has left the location.
    """
    if not reason.strip():
        raise InvalidInput("a cancellation needs a reason", field="reason")
    with transaction.atomic():
        try:
            order = locks.lock_order(order_id)
        except Order.DoesNotExist:
            raise NotFound(f"order {order_id} does not exist", field="order_id") from None
        lines = list(order.lines.all())
        chosen = _chosen_lines(order, lines, line_numbers)
        # Stock rows before line rows, as release_shortages takes them: the other order deadlocks.
        positions = _lock_held_positions(chosen)
        _cancel_lines(chosen)
        _release_stock(chosen, positions)
        _cancel_emptied_fulfilments(order)
        _settle(order, lines)
        _record(order, chosen, whole=line_numbers is None, reason=reason, actor=actor)
        settle_cancellation(order, lines, reason=reason, actor=actor, now=clock.now())


def _chosen_lines(order: Order, lines: list[OrderLine], line_numbers: list[int] | None) -> list[OrderLine]:
    if line_numbers is None:
        check_transition(ORDER_TRANSITIONS, OrderStatus(order.status), OrderStatus.CANCELLED, field="order_id")
        return [line for line in lines if line.status != LineStatus.CANCELLED]
    if len(set(line_numbers)) != len(line_numbers) or not line_numbers:
        raise InvalidInput("list each line number once", field="lines")
    by_number = {line.line_number: line for line in lines}
    chosen = []
    for index, number in enumerate(line_numbers):
        if number not in by_number:
            raise InvalidInput(f"order has no line {number}", field=f"lines[{index}]")
        chosen.append(by_number[number])
    return chosen


def _cancel_lines(chosen: list[OrderLine]) -> None:
    blocked = _lines_past_cancellation(chosen)
    for line in chosen:
        field = "lines"
        if line.pk in blocked:
            raise IllegalTransition(f"line {line.line_number} has already left its location", field=field)
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.CANCELLED, field=field)
    OrderLine.objects.bulk_update(chosen, ["status"])


def _lines_past_cancellation(chosen: list[OrderLine]) -> set[int]:
    statuses = FulfilmentOrder.objects.filter(lines__order_line__in=chosen).values_list(
        "lines__order_line_id", "status"
    )
    return {line_id for line_id, status in statuses if FulfilmentStatus(status) not in CANCELLABLE}


def _lock_held_positions(chosen: list[OrderLine]) -> list[int]:
    held = Reservation.objects.filter(order_line__in=chosen).values_list("position_id", flat=True)
    return [position.pk for position in locks.lock_positions(set(held))]


def _release_stock(chosen: list[OrderLine], positions: list[int]) -> None:
    """Release what the lines hold, read only now that their positions are locked."""
    reservations = Reservation.objects.filter(order_line__in=chosen)
    per_position: dict[int, int] = defaultdict(int)
    for position_id, quantity in reservations.values_list("position_id", "quantity"):
        per_position[position_id] += quantity
    for position_id in positions:
        if per_position[position_id]:
            locks.release_reserved(position_id, per_position[position_id])
    reservations.delete()


def _cancel_emptied_fulfilments(order: Order) -> None:
    for fulfilment in order.fulfilments.exclude(lines__order_line__status__in=_live_line_statuses()):
        status = FulfilmentStatus(fulfilment.status)
        if status not in CANCELLABLE:  # already cancelled, or an offer that was withdrawn or expired
            continue
        fulfilment.status = check_transition(FULFILMENT_TRANSITIONS, status, FulfilmentStatus.CANCELLED)
        fulfilment.updated_at = clock.now()
        fulfilment.save(update_fields=["status", "updated_at"])


def _live_line_statuses() -> list[str]:
    return [*OPEN_LINE_STATUSES, LineStatus.FULFILLED]


def _settle(order: Order, lines: list[OrderLine]) -> None:
    implied = order_status_for([LineStatus(line.status) for line in lines], OrderStatus(order.status))
    if implied != order.status:
        order.status = check_transition(ORDER_TRANSITIONS, OrderStatus(order.status), implied)
    order.updated_at = clock.now()
    order.save(update_fields=["status", "updated_at"])


def _record(order: Order, chosen: list[OrderLine], *, whole: bool, reason: str, actor: str) -> None:
    event = OrderEventType.ORDER_CANCELLED if whole else OrderEventType.LINES_CANCELLED
    numbers = [line.line_number for line in chosen]
    record_order_events(
        order.pk,
        [EventDraft(event, {"lines": numbers}, reason=reason)],
        actor=actor,
        at=clock.now(),
        topic="order.cancelled" if whole else "order.lines_cancelled",
        payload={"order_id": order.pk, "lines": numbers, "reason": reason},
    )
