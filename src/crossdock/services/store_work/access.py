"""Finding and locking a fulfilment on behalf of a member of staff, within their stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order, Reservation
from crossdock.domain.errors import NotFound
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.holds import OrderOnHold
from crossdock.domain.orders import ORDER_TRANSITIONS, OrderStatus
from crossdock.domain.staff import StaffScope
from crossdock.domain.transitions import check_transition
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.fulfilment import lock_fulfilment_reservations
from crossdock.services.staff.scope import require_store_work


@dataclass(frozen=True, slots=True)
class Located:
    fulfilment_id: int
    order_id: int
    location_id: int


@dataclass(slots=True)
class Work:
    """A fulfilment and its order, locked for the current transaction."""

    order: Order
    fulfilment: FulfilmentOrder
    lines: list[FulfilmentLine]
    reservations: list[Reservation]

    @property
    def status(self) -> FulfilmentStatus:
        return FulfilmentStatus(self.fulfilment.status)


def locate(fulfilment_id: int, scope: StaffScope) -> Located:
    """Raises PermissionDenied (no store work in this role), NotFound (no such fulfilment at your stores)."""
    require_store_work(scope)
    row = FulfilmentOrder.objects.filter(pk=fulfilment_id).values_list("order_id", "location_id").first()
    if row is None or not scope.works_at(row[1]):
        raise NotFound(f"fulfilment {fulfilment_id} is not at any of your stores", field="fulfilment_id")
    return Located(fulfilment_id, row[0], row[1])


def lock_work(located: Located, *, with_stock: bool = False) -> Work:
    """In a transaction: the order, then (with_stock) the stock rows behind the lines in pk order, then the
    fulfilment — the lock order used everywhere. Raises OrderOnHold."""
    order = locks.lock_order(located.order_id)
    if is_on_hold(order.pk):
        raise OrderOnHold(f"order {order.pk} is on hold; it cannot be worked on now", field="fulfilment_id")
    lines = list(
        FulfilmentLine.objects.filter(fulfilment_id=located.fulfilment_id)
        .select_related("order_line__product")
        .order_by("pk")
    )
    reservations = lock_fulfilment_reservations(lines, located.location_id) if with_stock else []
    fulfilment = FulfilmentOrder.objects.select_for_update().get(pk=located.fulfilment_id)
    return Work(order, fulfilment, lines, reservations)


def move(work: Work, target: FulfilmentStatus, now: datetime) -> None:
    """Move the fulfilment through the transition table."""
    work.fulfilment.status = check_transition(FULFILMENT_TRANSITIONS, work.status, target, field="fulfilment_id")
    work.fulfilment.updated_at = now
    work.fulfilment.save(update_fields=["status", "updated_at"])


def mark_order_in_fulfilment(order: Order, now: datetime) -> None:
    """A placed order is in fulfilment once a location starts working on it."""
    if order.status == OrderStatus.PLACED:
        order.status = check_transition(ORDER_TRANSITIONS, OrderStatus.PLACED, OrderStatus.IN_FULFILMENT)
        order.updated_at = now
        order.save(update_fields=["status", "updated_at"])
