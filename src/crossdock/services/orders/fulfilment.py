"""Stock leaving a location: consume a fulfilment's reservations, settle lines and order, record it.

`mark_fulfilment_shipped` walks a fulfilment straight to shipped (or collected) in one go: warehouses
and tests use it. Stores go step by step (services/store_work/) and share the functions below.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order, Reservation
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.holds import OrderOnHold
from crossdock.domain.orders import ORDER_TRANSITIONS, DeliveryMethod, LineStatus, OrderStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.departures import record_departure
from crossdock.services.orders.fulfilled import COMPLETE
from crossdock.services.orders.transfers import is_transfer, record_transfer_departure
from crossdock.services.payments.settle import settle_payments

_S = FulfilmentStatus
SHIP_PATH = (_S.PICKING, _S.PACKED, _S.SHIPPED)
PICKUP_PATH = (_S.PICKING, _S.PACKED, _S.READY_FOR_PICKUP, _S.COLLECTED)
TRANSFER_PATH = (_S.PICKING, _S.PACKED, _S.IN_TRANSIT)


def mark_fulfilment_shipped(fulfilment_id: int, *, actor: str) -> None:
    """Ship the fulfilment (a pickup one is handed over: collected), consuming its reserved stock. Work
    shipped to a pickup store (ship to store) goes in transit until the store receives it.

    Its lines become fulfilled once all their units have gone; the order completes when every live
    line has; payment due at shipment is captured. Raises NotFound, OrderOnHold, IllegalTransition.
    """
    order_id = FulfilmentOrder.objects.filter(pk=fulfilment_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(f"fulfilment {fulfilment_id} does not exist", field="fulfilment_id")
    with transaction.atomic():
        order = locks.lock_order(order_id)
        if is_on_hold(order.pk):
            raise OrderOnHold(f"order {order.pk} is on hold; release it first", field="fulfilment_id")
        lines = list(FulfilmentLine.objects.filter(fulfilment_id=fulfilment_id).select_related("order_line"))
        location_id = FulfilmentOrder.objects.values_list("location_id", flat=True).get(pk=fulfilment_id)
        reservations = lock_fulfilment_reservations(lines, location_id)
        fulfilment = FulfilmentOrder.objects.select_for_update().get(pk=fulfilment_id)
        now = clock.now()
        _walk(fulfilment, now)
        consume_reserved(lines, reservations)
        if is_transfer(fulfilment):  # shipped to a pickup store: in transit, the customer has nothing yet
            record_transfer_departure(order, fulfilment, lines, actor=actor, now=now)
            return
        settle_fulfilled_lines(order, now)
        record_departure(order, fulfilment, lines, actor=actor, now=now)
        settle_payments(order, actor=actor, now=now)


def lock_fulfilment_reservations(lines: list[FulfilmentLine], location_id: int) -> list[Reservation]:
    """The reservations behind these lines at the location, their stock rows locked in pk order (stock
    before fulfilments, as everywhere)."""
    held = Reservation.objects.filter(
        order_line_id__in=[fl.order_line_id for fl in lines], position__location_id=location_id
    )
    list(locks.lock_positions(set(held.values_list("position_id", flat=True))))
    return list(held.order_by("pk"))


def _walk(fulfilment: FulfilmentOrder, now: datetime) -> None:
    path = PICKUP_PATH if fulfilment.delivery_method == DeliveryMethod.PICKUP else SHIP_PATH
    path = TRANSFER_PATH if is_transfer(fulfilment) else path
    status = _S(fulfilment.status)
    steps = path[path.index(status) + 1 :] if status in path else path
    if not steps:
        raise IllegalTransition(f"fulfilment {fulfilment.pk} is already {status}", field="fulfilment_id")
    for target in steps:
        status = check_transition(FULFILMENT_TRANSITIONS, status, target, field="fulfilment_id")
    fulfilment.status, fulfilment.updated_at = status, now
    fulfilment.save(update_fields=["status", "updated_at"])


def consume_reserved(lines: list[FulfilmentLine], reservations: list[Reservation]) -> None:
    """Each line's units leave on-hand at the fulfilment's location, and their reservation goes."""
    for fulfilment_line in lines:
        left = fulfilment_line.quantity
        for reservation in reservations:
            if left == 0:
                break
            if reservation.order_line_id != fulfilment_line.order_line_id or reservation.quantity == 0:
                continue
            taken = min(left, reservation.quantity)
            locks.release_reserved(reservation.position_id, taken, consume=True)
            reservation.quantity -= taken
            left -= taken
            if reservation.quantity == 0:
                reservation.delete()
            else:
                Reservation.objects.filter(pk=reservation.pk).update(quantity=F("quantity") - taken)


def settle_fulfilled_lines(order: Order, now: datetime) -> None:
    """Lines whose every unit has gone are fulfilled; the order follows."""
    done: dict[int, int] = {}
    for line_id, quantity in FulfilmentLine.objects.filter(
        fulfilment__order=order, fulfilment__status__in=COMPLETE
    ).values_list("order_line_id", "quantity"):
        done[line_id] = done.get(line_id, 0) + quantity
    lines = list(order.lines.all())
    for line in lines:
        if line.status == LineStatus.ALLOCATED and done.get(line.pk, 0) >= line.quantity:
            line.status = LineStatus.FULFILLED
            line.save(update_fields=["status"])
    live = [line for line in lines if line.status != LineStatus.CANCELLED]
    if all(line.status == LineStatus.FULFILLED for line in live):
        target = OrderStatus.COMPLETED
    else:
        target = OrderStatus.PARTIALLY_SHIPPED
    if target != order.status:
        order.status = check_transition(ORDER_TRANSITIONS, OrderStatus(order.status), target)
    order.updated_at = now
    order.save(update_fields=["status", "updated_at"])
