"""A routing instance (the `route-eval` input): cost model, locations, stock and orders, validated.

Unknown keys are ignored (instances may carry metadata); everything the format names is checked,
and the first problem found is raised as InvalidInput with its field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crossdock.domain.errors import InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.fields import (
    as_list,
    as_object,
    integer,
    number,
    optional_integer,
    optional_number,
    required,
    text,
)
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.network import Line, Location, Network, Order, check_coordinates

OPTIONAL_WEIGHTS = ("split_penalty", "unreliability_weight", "load_weight", "depletion_penalty")


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    model: CostModel
    locations: Mapping[str, Location]
    stock: Mapping[tuple[str, str], int]
    orders: tuple[Order, ...]

    def network(self) -> Network:
        return Network(self.locations, self.model)

    def inventory(self) -> Inventory:
        """A fresh inventory: the instance's stock and every location's parcel limit."""
        return Inventory(self.stock, {key: location.max_parcels for key, location in self.locations.items()})


def parse_instance(data: object) -> Instance:
    root = as_object(data, "instance")
    name = root.get("name", "instance")
    model = parse_cost(as_object(required(root, "cost", ""), "cost"))
    locations = _locations(as_list(required(root, "locations", ""), "locations"))
    stock = _stock(as_list(required(root, "stock", ""), "stock"), locations)
    skus = {sku for _, sku in stock} | set(_catalogue(root))
    orders = _orders(as_list(required(root, "orders", ""), "orders"), skus)
    return Instance(str(name), model, locations, stock, orders)


def parse_cost(data: Mapping[str, Any]) -> CostModel:
    by_kind = as_object(data.get("per_unit_by_kind", {}), "cost.per_unit_by_kind")
    return CostModel(
        per_parcel=number(data, "per_parcel", "cost"),
        per_km=number(data, "per_km", "cost"),
        per_unit=number(data, "per_unit", "cost"),
        unfilled_per_unit=number(data, "unfilled_per_unit", "cost"),
        per_unit_by_kind={kind: number(by_kind, kind, "cost.per_unit_by_kind") for kind in by_kind},
        max_parcels_per_order=optional_integer(data, "max_parcels_per_order", "cost", minimum=1),
        depletion_threshold=integer(data, "depletion_threshold", "cost", minimum=0, default=0),
        **{weight: number(data, weight, "cost", default=0.0) for weight in OPTIONAL_WEIGHTS},
    )


def _catalogue(root: Mapping[str, Any]) -> list[str]:
    skus = as_list(root.get("skus", []), "skus")
    if not all(isinstance(sku, str) and sku for sku in skus):
        raise InvalidInput("must list non-empty strings", field="skus")
    return skus


def _locations(rows: list[Any]) -> dict[str, Location]:
    locations: dict[str, Location] = {}
    for position, row in enumerate(rows):
        field = f"locations[{position}]"
        data = as_object(row, field)
        location_id = text(data, "id", field)
        if location_id in locations:
            raise InvalidInput(f"duplicate location id {location_id!r}", field=f"{field}.id")
        latitude, longitude = number(data, "lat", field), number(data, "lon", field)
        check_coordinates(latitude, longitude, field=field)
        locations[location_id] = Location(
            id=location_id,
            latitude=latitude,
            longitude=longitude,
            kind=str(data.get("kind") or "warehouse"),
            per_unit=optional_number(data, "per_unit", field),
            max_parcels=optional_integer(data, "max_parcels", field, minimum=0),
            reliability=number(data, "reliability", field, default=1.0),
            load=number(data, "load", field, default=0.0),
        )
    return locations


def _stock(rows: list[Any], locations: Mapping[str, Location]) -> dict[tuple[str, str], int]:
    stock: dict[tuple[str, str], int] = {}
    for position, row in enumerate(rows):
        field = f"stock[{position}]"
        data = as_object(row, field)
        location, sku = text(data, "location", field), text(data, "sku", field)
        if location not in locations:
            raise UnknownLocation(f"unknown location {location!r}", field=f"{field}.location")
        if (location, sku) in stock:
            raise InvalidInput(f"duplicate stock row for {location!r}, {sku!r}", field=field)
        stock[(location, sku)] = integer(data, "qty", field, minimum=0)
    return stock


def _orders(rows: list[Any], skus: set[str]) -> tuple[Order, ...]:
    orders: list[Order] = []
    seen: set[str] = set()
    for position, row in enumerate(rows):
        field = f"orders[{position}]"
        data = as_object(row, field)
        order_id = text(data, "id", field)
        if order_id in seen:
            raise InvalidInput(f"duplicate order id {order_id!r}", field=f"{field}.id")
        seen.add(order_id)
        latitude, longitude = number(data, "lat", field), number(data, "lon", field)
        check_coordinates(latitude, longitude, field=field)
        lines = tuple(_line(line, f"{field}.lines[{index}]", skus) for index, line in enumerate(_lines(data, field)))
        orders.append(Order(order_id, latitude, longitude, lines))
    return tuple(orders)


def _lines(data: Mapping[str, Any], field: str) -> list[Any]:
    lines = as_list(required(data, "lines", field), f"{field}.lines")
    if not lines:
        raise InvalidInput("an order needs at least one line", field=f"{field}.lines")
    return lines


def _line(row: object, field: str, skus: set[str]) -> Line:
    data = as_object(row, field)
    sku = text(data, "sku", field)
    if sku not in skus:
        raise UnknownSku(f"unknown SKU {sku!r}: no stock row or catalogue entry names it", field=f"{field}.sku")
    return Line(sku, integer(data, "qty", field, minimum=1))
