"""A cart's soft reservations: taken like an order's (same controls, same conditional updates), released
as a whole. Every function runs inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import Cart, CartLine, Reservation
from crossdock.domain.allocation import LineDemand, allocate
from crossdock.domain.errors import InsufficientStock
from crossdock.domain.orders import DeliveryMethod
from crossdock.services.orders.sourcing import ReservationContention, load_stock, reserve_plan

OPTIMISTIC_ATTEMPTS = 3
T = TypeVar("T")


def with_stock_retries(work: Callable[[bool], T]) -> T:
    """Run `work(lock)` in a transaction; retry if another one took the stock between read and update.
    The last attempt locks the candidate rows first, so it cannot meet contention."""
    for attempt in range(OPTIMISTIC_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return work(attempt == OPTIMISTIC_ATTEMPTS)
        except ReservationContention:
            continue
    raise AssertionError("the locked attempt cannot meet contention")


def hold_lines(cart: Cart, lines: list[CartLine], *, lock: bool) -> None:
    """Reserve every line in full as the cart's channel sees the stock. Raises InsufficientStock."""
    if not lines:
        return
    demands = [
        LineDemand(
            key=index,
            sku=line.sku,
            quantity=line.quantity,
            delivery_method=DeliveryMethod(line.delivery_method),
            location_id=line.location_id,
        )
        for index, line in enumerate(lines)
    ]
    stock = load_stock(
        channel=cart.channel,
        product_ids={line.sku: line.product_id for line in lines},
        store_ids={line.location_id for line in lines if line.location_id},
        lock=lock,
    )
    plan = allocate(demands, sites=stock.sites, available=stock.available, destination=None)
    if plan.unallocated:
        key = min(plan.unallocated)
        raise InsufficientStock(
            f"{plan.unallocated[key]} of {lines[key].quantity} × {lines[key].sku} cannot be held",
            field=f"lines[{key}].quantity",
        )
    holds = reserve_plan(plan, demands, stock)
    Reservation.objects.bulk_create(
        Reservation(
            position_id=hold.position_id,
            cart_line=lines[hold.line_key],
            kind=Reservation.Kind.CART,
            quantity=hold.quantity,
            expires_at=cart.expires_at,
        )
        for hold in holds
    )


def release_holds(cart: Cart) -> int:
    """Give every held unit of the cart back to stock (positions locked in pk order). Returns the units."""
    holds = Reservation.objects.filter(cart_line__cart=cart)
    return release_reservations(list(holds.values_list("pk", "position_id", "quantity")))


def release_reservations(rows: list[tuple[int, int, int]]) -> int:
    """Release (reservation id, position id, quantity) rows: counters first, in pk order, then the rows."""
    per_position: dict[int, int] = defaultdict(int)
    for _, position_id, quantity in rows:
        per_position[position_id] += quantity
    release_units(per_position)
    Reservation.objects.filter(pk__in=[pk for pk, _, _ in rows]).delete()
    return sum(per_position.values())


def release_units(per_position: dict[int, int]) -> None:
    """Give reserved units back to stock, positions locked in pk order."""
    for position in locks.lock_positions(per_position):
        locks.release_reserved(position.pk, per_position[position.pk])


def extend_holds(cart: Cart, expires_at: datetime) -> None:
    cart.expires_at = expires_at
    Reservation.objects.filter(cart_line__cart=cart).update(expires_at=expires_at)
