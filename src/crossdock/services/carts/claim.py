"""Checkout: an order takes over its cart's holds inside its own transaction.

The held units never go back to stock: the `reserved` counters stay as they are and the cart's
reservation rows are replaced by the order's. Held units no order line wants are released.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from crossdock.db.models import Cart, Reservation
from crossdock.domain.allocation import Allocation, AllocationPlan, LineDemand
from crossdock.domain.carts import CART_TRANSITIONS, CartStatus
from crossdock.domain.errors import InvalidInput
from crossdock.domain.transitions import check_transition
from crossdock.services.carts.holds import release_units
from crossdock.services.carts.manage_cart import lock_open_cart
from crossdock.services.orders.sourcing import Hold


@dataclass(frozen=True, slots=True)
class ClaimedCart:
    holds: list[Hold]
    remaining: list[LineDemand]  # what the holds do not cover, still to allocate
    codes: dict[int, str]  # location id → code of the held units

    def combined(self, fresh: list[Hold]) -> list[Hold]:
        """The held units and the freshly reserved ones, one hold per line and position."""
        if not self.holds:
            return fresh
        units: dict[tuple[int, int, int, int | None], int] = defaultdict(int)
        for hold in [*self.holds, *fresh]:
            units[(hold.line_key, hold.location_id, hold.position_id, hold.bundle)] += hold.quantity
        return [Hold(key, location, position, qty, bundle) for (key, location, position, bundle), qty in units.items()]

    def merge(self, plan: AllocationPlan) -> AllocationPlan:
        if not self.holds:
            return plan
        held = tuple(Allocation(h.line_key, h.location_id, h.quantity) for h in self.holds)
        return AllocationPlan(allocations=held + plan.allocations, unallocated=plan.unallocated)


def claim_cart(
    cart_id: int | None, *, channel_id: int, order_id: int, demands: list[LineDemand], now: datetime
) -> ClaimedCart:
    """Turn the cart's holds into holds of the order's lines (matched by SKU, delivery and store) and mark
    the cart converted; without a cart, nothing is held and every demand remains. Raises NotFound,
    CartExpired, IllegalTransition (checked out, abandoned), InvalidInput (a cart of another channel)."""
    if cart_id is None:
        return ClaimedCart(holds=[], remaining=demands, codes={})
    cart = lock_open_cart(cart_id)
    if cart.channel_id != channel_id:
        raise InvalidInput(f"cart {cart_id} belongs to another channel", field="cart_id")
    rows = list(
        Reservation.objects.filter(cart_line__cart=cart)
        .order_by("id")
        .values_list(
            "pk",
            "position_id",
            "quantity",
            "position__location_id",
            "position__location__code",
            "cart_line__sku",
            "cart_line__delivery_method",
            "cart_line__location_id",
        )
    )
    wanted = {demand.key: demand.quantity for demand in demands}
    holds: list[Hold] = []
    codes: dict[int, str] = {}
    unwanted: dict[int, int] = defaultdict(int)
    for _, position_id, quantity, location_id, code, sku, method, store_id in rows:
        left = quantity
        for demand in demands:
            if (demand.sku, demand.delivery_method, demand.location_id) != (sku, method, store_id):
                continue
            taken = min(left, wanted[demand.key])
            if taken:
                holds.append(Hold(demand.key, location_id, position_id, taken))
                codes[location_id] = code
                wanted[demand.key] -= taken
                left -= taken
        unwanted[position_id] += left
    release_units({position_id: units for position_id, units in unwanted.items() if units})
    Reservation.objects.filter(pk__in=[row[0] for row in rows]).delete()
    _convert(cart, order_id, now)
    remaining = [replace(d, quantity=wanted[d.key]) for d in demands if wanted[d.key]]
    return ClaimedCart(holds=holds, remaining=remaining, codes=codes)


def _convert(cart: Cart, order_id: int, now: datetime) -> None:
    cart.status = check_transition(CART_TRANSITIONS, CartStatus.OPEN, CartStatus.CONVERTED)
    cart.order_id, cart.updated_at = order_id, now
    cart.save(update_fields=["status", "order", "updated_at"])
