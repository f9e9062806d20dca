"""The stock side of placing an order: which sites may serve it, what they have, and reserving it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Q

from crossdock.db import locks
from crossdock.db.models import Channel, StockPosition
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


def load_stock(*, channel: Channel, product_ids: dict[str, int], store_ids: Iterable[int], lock: bool) -> StockView:
    """Stock of these products at the locations that count for the channel and at the named stores.

    One query: positions joined with their location. Unlocked, it reads only positions that can
    still give something; locked, it takes every candidate row FOR UPDATE in pk order.
    """
    types = channel.location_types or [t.value for t in LocationType]
    candidates = Q(location__active=True, location__type__in=types) | Q(location_id__in=list(store_ids))
    positions = StockPosition.objects.filter(candidates, product_id__in=list(product_ids.values()))
    if lock:
        positions = positions.select_for_update(of=("self",)).order_by("pk")
    else:
        positions = positions.filter(on_hand__gt=F("reserved") + F("safety_stock"))
    sku_of = {product_id: sku for sku, product_id in product_ids.items()}
    sites: dict[int, Site] = {}
    position_ids: dict[tuple[int, str], int] = {}
    available: dict[tuple[int, str], int] = {}
    for pk, product_id, on_hand, reserved, safety, *location in positions.values_list(
        "id", "product_id", "on_hand", "reserved", "safety_stock", *LOCATION_FIELDS
    ):
        site = sites.get(location[0]) or sites.setdefault(location[0], _site(*location))
        position_ids[(site.id, sku_of[product_id])] = pk
        available[(site.id, sku_of[product_id])] = StockLevel(on_hand, reserved, safety).available
    return StockView(
        sites=[site for site in sites.values() if site.type in types], position_ids=position_ids, available=available
    )


LOCATION_FIELDS = (
    "location_id",
    "location__code",
    "location__type",
    "location__latitude",
    "location__longitude",
    "location__capabilities",
)


def _site(pk: int, code: str, kind: str, latitude: float, longitude: float, capabilities: list[str]) -> Site:
    return Site(
        id=pk,
        code=code,
        type=LocationType(kind),
        latitude=latitude,
        longitude=longitude,
        capabilities=frozenset(Capability(c) for c in capabilities),
    )


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
