"""What is left to route from: stock per (location, SKU) and parcels per capped location."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from crossdock.domain.errors import InsufficientStock, InvalidInput
from crossdock.domain.routing.plan import Allocation

_EMPTY: dict[str, int] = {}


class Inventory:
    """Mutable on purpose: routing one order after another consumes it."""

    def __init__(self, stock: Mapping[tuple[str, str], int], parcels_left: Mapping[str, int | None]) -> None:
        self._by_sku: dict[str, dict[str, int]] = {}
        for (location, sku), quantity in stock.items():
            if quantity < 0:
                raise InvalidInput("stock cannot be negative", field=f"stock.{location}.{sku}")
            if quantity:
                self._by_sku.setdefault(sku, {})[location] = quantity
        self._parcels = {location: left for location, left in parcels_left.items() if left is not None}

    def holders(self, sku: str) -> Mapping[str, int]:
        """The locations with this SKU in stock, and how many units."""
        return self._by_sku.get(sku, _EMPTY)

    def quantity(self, location: str, sku: str) -> int:
        return self._by_sku.get(sku, _EMPTY).get(location, 0)

    def parcels_left(self, location: str) -> int | None:
        """None when the location has no parcel limit."""
        return self._parcels.get(location)

    def items(self) -> Iterator[tuple[tuple[str, str], int]]:
        for sku, holders in self._by_sku.items():
            for location, quantity in holders.items():
                yield (location, sku), quantity

    def has_parcel_limits(self) -> bool:
        return bool(self._parcels)

    def parcel_limits(self) -> dict[str, int]:
        return dict(self._parcels)

    def take(self, allocations: tuple[Allocation, ...]) -> None:
        """Consume a decision's stock and parcels; refuses (changing nothing) what is not there."""
        wanted: dict[tuple[str, str], int] = {}
        for allocation in allocations:
            key = (allocation.location, allocation.sku)
            wanted[key] = wanted.get(key, 0) + allocation.quantity
        for (location, sku), quantity in wanted.items():
            if quantity <= 0 or self.quantity(location, sku) < quantity:
                raise InsufficientStock(f"{location} cannot give {quantity} × {sku}")
        locations = set(allocation.location for allocation in allocations)
        if any(self._parcels.get(location, 1) < 1 for location in locations):
            raise InsufficientStock("a location has no parcel capacity left")
        for allocation in allocations:
            holders = self._by_sku[allocation.sku]
            holders[allocation.location] -= allocation.quantity
            if not holders[allocation.location]:
                del holders[allocation.location]
        for location in locations & self._parcels.keys():
            self._parcels[location] -= 1

    def copy(self) -> Inventory:
        clone = Inventory({}, {})
        clone._by_sku = {sku: dict(holders) for sku, holders in self._by_sku.items()}
        clone._parcels = dict(self._parcels)
        return clone
