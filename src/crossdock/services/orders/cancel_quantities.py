"""Cancel part of a line's quantity, with a reason: its stock is released, its payment voided or refunded.

The cancelled units are the line's last ones: what they cost is `net − units_share(net, qty, qty − k)`,
so cancellations and later returns of the same line add up exactly to what it cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, Order, OrderLine, Reservation
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import CANCELLABLE, FulfilmentStatus
from crossdock.domain.money import Money
from crossdock.domain.orders import (
    LINE_TRANSITIONS,
    OPEN_LINE_STATUSES,
    ORDER_TRANSITIONS,
    SHORT_LINE_STATUSES,
    LineStatus,
    OrderStatus,
    order_status_for,
)
from crossdock.domain.pricing import units_share
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.offers.withdraw import withdraw_open_offers
from crossdock.services.orders.cancellation_money import settle_cancellation
from crossdock.services.orders.edits.stock import cancel_emptied_fulfilments, release_lines
from crossdock.services.orders.pricing import line_amounts
from crossdock.services.routing.reroute import reroute_order
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.lines import take_waiting_units


@dataclass(frozen=True, slots=True)
class QuantityCancel:
    line_number: int
    quantity: int


def cancel_quantities(order_id: int, cancels: list[QuantityCancel], *, reason: str, actor: str) -> None:
    """Take `quantity` units off each listed line; a line losing all its units is cancelled.

    Raises NotFound; InvalidInput (no reason, unknown line, quantity ≤ 0 or above the line's);
    IllegalTransition (the line is fulfilled or cancelled, or its stock has left the location).
    """
    if not reason.strip():
        raise InvalidInput("a cancellation needs a reason", field="reason")
    if not cancels or len({c.line_number for c in cancels}) != len(cancels):
        raise InvalidInput("list each line once", field="lines")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        lines = list(order.lines.all())
        chosen = _chosen(lines, cancels)
        held = Reservation.objects.filter(order_line__order=order)  # offers' holds at every store too
        list(locks.lock_positions(set(held.values_list("position_id", flat=True))))  # stock before fulfilments
        now = clock.now()
        # Units offered to several stores are held at each: call the offers back, cancel, then offer the rest.
        withdrawn = withdraw_open_offers(order, reason="quantities cancelled", now=now)
        if withdrawn:
            lines = list(order.lines.all())
            chosen = _chosen(lines, cancels)
        for line, quantity in chosen:
            _take_off(order, line, quantity, now)
        _settle_status(order, lines)
        _record(order, chosen, reason=reason, actor=actor, now=now, withdrawn=withdrawn)
        settle_cancellation(order, lines, reason=reason, actor=actor, now=now)
        if withdrawn:
            reroute_order(order, reason="quantities_cancelled", actor=actor, now=now)


def _chosen(lines: list[OrderLine], cancels: list[QuantityCancel]) -> list[tuple[OrderLine, int]]:
    by_number = {line.line_number: line for line in lines}
    cancellable = _cancellable_lines(lines)
    chosen = []
    for index, cancel in enumerate(cancels):
        field = f"lines[{index}]"
        line = by_number.get(cancel.line_number)
        if line is None:
            raise InvalidInput(f"order has no line {cancel.line_number}", field=f"{field}.line")
        if line.status not in OPEN_LINE_STATUSES:
            raise IllegalTransition(f"line {line.line_number} is {line.status}", field=f"{field}.line")
        if line.pk not in cancellable:
            raise IllegalTransition(f"line {line.line_number} has already left its location", field=f"{field}.line")
        if not 0 < cancel.quantity <= line.quantity:
            raise InvalidInput(f"line {line.line_number} has {line.quantity} units", field=f"{field}.quantity")
        chosen.append((line, cancel.quantity))
    return chosen


def _cancellable_lines(lines: list[OrderLine]) -> set[int]:
    blocked = {
        line_id
        for line_id, status in FulfilmentLine.objects.filter(order_line__in=lines).values_list(
            "order_line_id", "fulfilment__status"
        )
        if FulfilmentStatus(status) not in CANCELLABLE and status != FulfilmentStatus.CANCELLED
    }
    return {line.pk for line in lines} - blocked


def _take_off(order: Order, line: OrderLine, quantity: int, now: datetime) -> None:
    if quantity == line.quantity:
        release_lines(order, [line], now)
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.CANCELLED)
        line.save(update_fields=["status"])
        return
    from_unallocated = min(quantity, line.unallocated_quantity)
    _release_units(line, quantity - from_unallocated)
    cancel_emptied_fulfilments(order, now)
    amounts = line_amounts(line, order.currency)
    kept = line.quantity - quantity
    kept_net = units_share(amounts.net, line.quantity, kept)
    line.quantity = kept
    line.discount = (Money(Decimal(line.unit_price), order.currency).times(kept) - kept_net).amount
    line.cancelled_quantity += quantity
    line.unallocated_quantity -= from_unallocated
    take_waiting_units(line.pk, from_unallocated, now)
    if line.unallocated_quantity == 0 and line.status in SHORT_LINE_STATUSES:
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.ALLOCATED)
    line.save(update_fields=["quantity", "discount", "cancelled_quantity", "unallocated_quantity", "status"])


def _release_units(line: OrderLine, units: int) -> None:
    """Give back `units` reserved units of the line, from its newest fulfilment lines first."""
    for fulfilment_line in (
        FulfilmentLine.objects.filter(order_line=line)
        .exclude(fulfilment__status=FulfilmentStatus.CANCELLED)
        .select_related("fulfilment")
        .order_by("-pk")
    ):
        if units == 0:
            return
        location_id = fulfilment_line.fulfilment.location_id
        reservation = Reservation.objects.filter(order_line=line, position__location_id=location_id).first()
        if reservation is None:
            continue
        taken = min(units, fulfilment_line.quantity, reservation.quantity)
        locks.release_reserved(reservation.position_id, taken)
        Reservation.objects.filter(pk=reservation.pk).update(quantity=F("quantity") - taken)
        FulfilmentLine.objects.filter(pk=fulfilment_line.pk).update(quantity=F("quantity") - taken)
        units -= taken
    Reservation.objects.filter(order_line=line, quantity=0).delete()
    FulfilmentLine.objects.filter(order_line=line, quantity=0).delete()


def _settle_status(order: Order, lines: list[OrderLine]) -> None:
    implied = order_status_for([LineStatus(line.status) for line in lines], OrderStatus(order.status))
    if implied != order.status:
        order.status = check_transition(ORDER_TRANSITIONS, OrderStatus(order.status), implied)
    order.save(update_fields=["status"])


def _record(
    order: Order,
    chosen: list[tuple[OrderLine, int]],
    *,
    reason: str,
    actor: str,
    now: datetime,
    withdrawn: list[EventDraft],
) -> None:
    cancelled = [{"line": line.line_number, "quantity": quantity} for line, quantity in chosen]
    record_order_events(
        order.pk,
        [*withdrawn, EventDraft(OrderEventType.QUANTITIES_CANCELLED, {"lines": cancelled}, reason=reason)],
        actor=actor,
        at=now,
        topic="order.quantities_cancelled",
        payload={"order_id": order.pk, "lines": cancelled, "reason": reason},
    )
