"""Carts: a basket whose lines hold stock for a while (soft reservations that expire)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from crossdock.domain.errors import DuplicateLine, InvalidInput
from crossdock.domain.orders import DeliveryMethod, RequestedLine

MIN_TTL_SECONDS = 60
MAX_TTL_SECONDS = 7 * 24 * 3600


class CartStatus(StrEnum):
    OPEN = "open"
    CONVERTED = "converted"  # checked out: its holds became the order's reservations
    EXPIRED = "expired"  # its holds were released after the time-to-live ran out
    ABANDONED = "abandoned"  # given up by the shop: holds released


CART_TRANSITIONS: dict[CartStatus, frozenset[CartStatus]] = {
    CartStatus.OPEN: frozenset({CartStatus.CONVERTED, CartStatus.EXPIRED, CartStatus.ABANDONED}),
    CartStatus.CONVERTED: frozenset(),
    CartStatus.EXPIRED: frozenset(),
    CartStatus.ABANDONED: frozenset(),
}


def expiry(now: datetime, ttl_seconds: int) -> datetime:
    """When the holds may be released if nothing happens to the cart before."""
    if not MIN_TTL_SECONDS <= ttl_seconds <= MAX_TTL_SECONDS:
        raise InvalidInput(f"ttl_seconds must be between {MIN_TTL_SECONDS} and {MAX_TTL_SECONDS}", field="ttl_seconds")
    return now + timedelta(seconds=ttl_seconds)


def check_cart_lines(lines: list[RequestedLine]) -> None:
    """Raise on lines no stock could make valid: bad quantities, a store missing or misplaced, duplicates.
    An empty cart is allowed (everything removed)."""
    seen: set[tuple[str, DeliveryMethod, str | None]] = set()
    for index, line in enumerate(lines):
        if line.quantity <= 0:
            raise InvalidInput("quantity must be a positive integer", field=f"lines[{index}].quantity")
        if line.delivery_method == DeliveryMethod.SHIP and line.location is not None:
            raise InvalidInput("a shipped line takes no location", field=f"lines[{index}].location")
        if line.delivery_method != DeliveryMethod.SHIP and line.location is None:
            raise InvalidInput(
                f"a {line.delivery_method} line needs the store's location code", field=f"lines[{index}].location"
            )
        key = (line.sku, line.delivery_method, line.location)
        if key in seen:
            raise DuplicateLine(f"sku {line.sku} appears twice with the same delivery", field=f"lines[{index}].sku")
        seen.add(key)
