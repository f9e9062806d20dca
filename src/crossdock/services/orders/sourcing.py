"""The stock side of placing an order: which sites may serve it, what they have, and reserving it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from crossdock.db import locks
from crossdock.db.models import Channel, Location, StockPosition
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.stock import StockLevel


class ReservationContention(Exception):
    """Another transaction took the stock between our read and our conditional update."""


@dataclass(frozen=True, slots=True)
class StockView:
    sites: list[Site]
    position_ids: dict[tuple[int, str], int]
    available: dict[tuple[int, str], int]


@dataclass(frozen=True, slots=True)
class Hold:
    line_key: int
    location_id: int
    position_id: int
    quantity: int


def to_site(location: Location) -> Site:
    return Site(
        id=location.pk,
        code=location.code,
        type=LocationType(location.type),
        latitude=location.latitude,
        longitude=location.longitude,
        capabilities=frozenset(Capability(c) for c in location.capabilities),
    )


def load_stock(*, channel: Channel, product_ids: dict[str, int], store_ids: Iterable[int], lock: bool) -> StockView:
    """Sites that count for the channel plus the named stores, and their stock of these products."""
    types = channel.location_types or [t.value for t in LocationType]
    stores = list(store_ids)
    locations = list(Location.objects.filter(Q(active=True, type__in=types) | Q(id__in=stores)))
    sites = [to_site(location) for location in locations if location.type in types]
    sku_of = {product_id: sku for sku, product_id in product_ids.items()}
    positions = StockPosition.objects.filter(
        product_id__in=list(product_ids.values()), location_id__in=[location.pk for location in locations]
    )
    if lock:
        positions = locks.lock_positions(positions.values_list("id", flat=True))
    position_ids: dict[tuple[int, str], int] = {}
    available: dict[tuple[int, str], int] = {}
    for pk, location_id, product_id, on_hand, reserved, safety in positions.values_list(
        "id", "location_id", "product_id", "on_hand", "reserved", "safety_stock"
    ):
        key = (location_id, sku_of[product_id])
        position_ids[key] = pk
        available[key] = StockLevel(on_hand, reserved, safety).available
    return StockView(sites=sites, position_ids=position_ids, available=available)


def reserve_plan(plan: AllocationPlan, demands: list[LineDemand], stock: StockView) -> list[Hold]:
    """Reserve every allocation by conditional update, in position pk order (no deadlocks)."""
    sku_of = {demand.key: demand.sku for demand in demands}
    holds = [
        Hold(a.line_key, a.location_id, stock.position_ids[(a.location_id, sku_of[a.line_key])], a.quantity)
        for a in plan.allocations
    ]
    per_position: dict[int, int] = {}
    for hold in holds:
        per_position[hold.position_id] = per_position.get(hold.position_id, 0) + hold.quantity
    for position_id in sorted(per_position):
        if not locks.reserve_if_available(position_id, per_position[position_id]):
            raise ReservationContention(position_id)
    return holds
