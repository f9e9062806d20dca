"""Where each unit of an order comes from.

`allocate` is the simple policy of the core: pickup and carry-out lines at their store; shipped
lines from the nearest location that has them all, else from as few locations as possible.
The sourcing engine replaces it behind the same `Allocator` signature.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from crossdock.domain.geo import haversine_km
from crossdock.domain.locations import Site
from crossdock.domain.orders import DeliveryMethod


@dataclass(frozen=True, slots=True)
class LineDemand:
    key: int
    sku: str
    quantity: int
    delivery_method: DeliveryMethod
    location_id: int | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    line_key: int
    location_id: int
    quantity: int
    destination_id: int | None = None  # ship to store: the pickup store these units are shipped to


@dataclass(frozen=True, slots=True)
class AllocationPlan:
    allocations: tuple[Allocation, ...] = ()
    unallocated: Mapping[int, int] = field(default_factory=dict)


Availability = Mapping[tuple[int, str], int]


class Allocator(Protocol):
    def __call__(
        self,
        demands: Sequence[LineDemand],
        *,
        sites: Sequence[Site],
        available: Availability,
        destination: tuple[float, float] | None,
    ) -> AllocationPlan: ...


def allocate(
    demands: Sequence[LineDemand],
    *,
    sites: Sequence[Site],
    available: Availability,
    destination: tuple[float, float] | None,
) -> AllocationPlan:
    """Decide, without side effects, which location serves which units of each line."""
    left = dict(available)
    allocations: list[Allocation] = []
    unallocated: dict[int, int] = {}
    for demand in demands:
        if demand.delivery_method != DeliveryMethod.SHIP:
            allocate_at_store(demand, left, allocations, unallocated)
    shipped = [demand for demand in demands if demand.delivery_method == DeliveryMethod.SHIP]
    if shipped:
        shippers = _nearest_first([site for site in sites if site.can_ship()], destination)
        _allocate_shipped(shipped, shippers, left, allocations, unallocated)
    return AllocationPlan(allocations=tuple(allocations), unallocated=unallocated)


def allocate_at_store(
    demand: LineDemand, left: dict[tuple[int, str], int], allocations: list[Allocation], unallocated: dict[int, int]
) -> None:
    assert demand.location_id is not None
    taken = _take(left, demand.location_id, demand.sku, demand.quantity)
    if taken:
        allocations.append(Allocation(demand.key, demand.location_id, taken))
    if taken < demand.quantity:
        unallocated[demand.key] = demand.quantity - taken


def _allocate_shipped(
    demands: list[LineDemand],
    shippers: list[Site],
    left: dict[tuple[int, str], int],
    allocations: list[Allocation],
    unallocated: dict[int, int],
) -> None:
    remaining = {demand.key: demand.quantity for demand in demands}
    sku_of = {demand.key: demand.sku for demand in demands}
    site = next((site for site in shippers if _covers_all(site.id, remaining, sku_of, left)), None)
    while any(remaining.values()):
        site = site or _best_cover(shippers, remaining, sku_of, left)
        if site is None:
            break
        for key, quantity in remaining.items():
            taken = _take(left, site.id, sku_of[key], quantity)
            if taken:
                allocations.append(Allocation(key, site.id, taken))
                remaining[key] -= taken
        site = None
    unallocated.update({key: quantity for key, quantity in remaining.items() if quantity})


def _covers_all(
    location_id: int, remaining: dict[int, int], sku_of: dict[int, str], left: dict[tuple[int, str], int]
) -> bool:
    return all(left.get((location_id, sku_of[key]), 0) >= quantity for key, quantity in remaining.items())


def _best_cover(
    shippers: list[Site], remaining: dict[int, int], sku_of: dict[int, str], left: dict[tuple[int, str], int]
) -> Site | None:
    """The location covering the most remaining units; the nearest wins a tie (list is nearest first)."""
    best, best_units = None, 0
    for site in shippers:
        units = sum(min(quantity, left.get((site.id, sku_of[key]), 0)) for key, quantity in remaining.items())
        if units > best_units:
            best, best_units = site, units
    return best


def _take(left: dict[tuple[int, str], int], location_id: int, sku: str, quantity: int) -> int:
    taken = min(quantity, left.get((location_id, sku), 0))
    if taken:
        left[(location_id, sku)] -= taken
    return taken


def _nearest_first(sites: list[Site], destination: tuple[float, float] | None) -> list[Site]:
    if destination is None:
        return sorted(sites, key=lambda site: site.id)
    latitude, longitude = destination
    return sorted(sites, key=lambda site: (haversine_km(site.latitude, site.longitude, latitude, longitude), site.id))
