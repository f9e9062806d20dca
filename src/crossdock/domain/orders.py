"""Orders and their lines: statuses, the transition tables and the placement rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crossdock.domain.errors import AddressRequired, DuplicateLine, InvalidInput


class DeliveryMethod(StrEnum):
    SHIP = "ship"
    PICKUP = "pickup"
    CARRY_OUT = "carry_out"


class OrderStatus(StrEnum):
    PLACED = "placed"
    IN_FULFILMENT = "in_fulfilment"
    PARTIALLY_SHIPPED = "partially_shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class LineStatus(StrEnum):
    ALLOCATED = "allocated"
    UNALLOCATED = "unallocated"
    BACKORDERED = "backordered"  # its unallocated units wait for stock (a WaitingLine), with a promise date
    PREORDERED = "preordered"  # sold against future supply: its units wait for it (a WaitingLine)
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


ORDER_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PLACED: frozenset(
        {OrderStatus.IN_FULFILMENT, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.COMPLETED, OrderStatus.CANCELLED}
    ),
    OrderStatus.IN_FULFILMENT: frozenset(
        {OrderStatus.PLACED, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.COMPLETED, OrderStatus.CANCELLED}
    ),
    OrderStatus.PARTIALLY_SHIPPED: frozenset({OrderStatus.COMPLETED}),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

# A waiting line (backordered, pre-ordered) becomes allocated when the worker has served all its units; it
# goes back to unallocated when units it already had are taken from it (a low count, an unclaim): those
# units need routing, they are not in the queue.
LINE_TRANSITIONS: dict[LineStatus, frozenset[LineStatus]] = {
    LineStatus.ALLOCATED: frozenset({LineStatus.FULFILLED, LineStatus.CANCELLED, LineStatus.UNALLOCATED}),
    LineStatus.UNALLOCATED: frozenset(
        {LineStatus.ALLOCATED, LineStatus.CANCELLED, LineStatus.BACKORDERED, LineStatus.PREORDERED}
    ),
    LineStatus.BACKORDERED: frozenset({LineStatus.ALLOCATED, LineStatus.CANCELLED, LineStatus.UNALLOCATED}),
    LineStatus.PREORDERED: frozenset({LineStatus.ALLOCATED, LineStatus.CANCELLED, LineStatus.UNALLOCATED}),
    LineStatus.FULFILLED: frozenset(),
    LineStatus.CANCELLED: frozenset(),
}

WAITING_LINE_STATUSES = frozenset({LineStatus.BACKORDERED, LineStatus.PREORDERED})
OPEN_LINE_STATUSES = frozenset({LineStatus.ALLOCATED, LineStatus.UNALLOCATED}) | WAITING_LINE_STATUSES
# Lines with units still to allocate: waiting lines, and unallocated ones (a waiting line whose units
# were partly taken back by a low count is unallocated, and its WaitingLine still waits).
SHORT_LINE_STATUSES = frozenset({LineStatus.UNALLOCATED}) | WAITING_LINE_STATUSES


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    line1: str
    city: str
    postcode: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    line2: str = ""


@dataclass(frozen=True, slots=True)
class RequestedLine:
    sku: str
    quantity: int
    delivery_method: DeliveryMethod
    location: str | None = None  # pickup or carry-out store code
    preorder: bool = False  # sold against future supply inside the SKU's pre-order window, never from on-hand


def check_lines(lines: list[RequestedLine], shipping_address: Address | None) -> None:
    """Raise on an order that could never be valid, whatever the stock."""
    if not lines:
        raise InvalidInput("an order needs at least one line", field="lines")
    seen: set[tuple[str, DeliveryMethod, str | None]] = set()
    for index, line in enumerate(lines):
        _check_line(index, line, shipping_address)
        key = (line.sku, line.delivery_method, line.location)
        if key in seen:
            raise DuplicateLine(
                f"sku {line.sku} appears twice with the same delivery; merge the quantities",
                field=f"lines[{index}].sku",
            )
        seen.add(key)


def _check_line(index: int, line: RequestedLine, shipping_address: Address | None) -> None:
    if line.quantity <= 0:
        raise InvalidInput("quantity must be a positive integer", field=f"lines[{index}].quantity")
    if line.preorder and line.delivery_method == DeliveryMethod.CARRY_OUT:
        raise InvalidInput("a carried-out line cannot be pre-ordered", field=f"lines[{index}].preorder")
    if line.delivery_method == DeliveryMethod.SHIP:
        if shipping_address is None:
            raise AddressRequired("a shipped line needs a shipping address", field="shipping_address")
        if line.location is not None:
            raise InvalidInput("a shipped line takes no location", field=f"lines[{index}].location")
    elif line.location is None:
        raise InvalidInput(
            f"a {line.delivery_method} line needs the store's location code", field=f"lines[{index}].location"
        )


def order_status_for(line_statuses: list[LineStatus], current: OrderStatus) -> OrderStatus:
    """The order status its lines imply (used after cancellations and fulfilment)."""
    live = [status for status in line_statuses if status != LineStatus.CANCELLED]
    if not live:
        return OrderStatus.CANCELLED
    if all(status == LineStatus.FULFILLED for status in live):
        return OrderStatus.COMPLETED
    return current
