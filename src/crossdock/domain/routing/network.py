"""What routing reads: locations, orders and their lines (pure values, validated on creation)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from math import asin, sin, sqrt
from typing import NamedTuple

from crossdock.domain.errors import InvalidInput
from crossdock.domain.geo import EARTH_RADIUS_KM, is_valid_coordinate
from crossdock.domain.routing import costs
from crossdock.domain.routing.costs import CostModel

DIAMETER_KM = 2 * EARTH_RADIUS_KM


def check_coordinates(latitude: float, longitude: float, *, field: str) -> None:
    finite = all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (latitude, longitude)
    )
    if not finite or not is_valid_coordinate(latitude, longitude):
        raise InvalidInput("coordinates must be numbers, latitude in [-90, 90], longitude in [-180, 180]", field=field)


@dataclass(frozen=True, slots=True)
class Location:
    """A node that may ship. `reliability` (0–1) and `load` (0–1, capacity used) feed the profile terms."""

    id: str
    latitude: float
    longitude: float
    kind: str = "warehouse"
    per_unit: float | None = None
    max_parcels: int | None = None
    reliability: float = 1.0
    load: float = 0.0

    def __post_init__(self) -> None:
        check_coordinates(self.latitude, self.longitude, field=f"locations.{self.id}")
        if self.per_unit is not None and not (math.isfinite(self.per_unit) and self.per_unit >= 0):
            raise InvalidInput("per_unit must be ≥ 0", field=f"locations.{self.id}.per_unit")
        if self.max_parcels is not None and self.max_parcels < 0:
            raise InvalidInput("max_parcels must be ≥ 0", field=f"locations.{self.id}.max_parcels")
        if not (0.0 <= self.reliability <= 1.0 and 0.0 <= self.load <= 1.0):
            raise InvalidInput("reliability and load must be within [0, 1]", field=f"locations.{self.id}")


@dataclass(frozen=True, slots=True)
class Line:
    sku: str
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise InvalidInput("quantity must be a positive integer", field=f"lines.{self.sku}.qty")


@dataclass(frozen=True, slots=True)
class Order:
    """Shipped demand to one destination."""

    id: str
    latitude: float
    longitude: float
    lines: tuple[Line, ...]

    def __post_init__(self) -> None:
        check_coordinates(self.latitude, self.longitude, field=f"orders.{self.id}")
        if not self.lines:
            raise InvalidInput("an order needs at least one line", field=f"orders.{self.id}.lines")

    def demand(self) -> dict[str, int]:
        """Units per SKU, in first-seen order (two lines of one SKU share its stock)."""
        units: dict[str, int] = {}
        for line in self.lines:
            units[line.sku] = units.get(line.sku, 0) + line.quantity
        return units


class Site(NamedTuple):
    """A location with what routing needs of it that no order changes: computed once per network."""

    location: Location
    fixed: float
    rate: float
    phi: float
    lam: float
    cos_phi: float


class Network:
    """The candidate locations under one cost model (a routing profile), prepared once and reused.

    Rebuild it when locations, their reliability or load, or the model change.
    """

    def __init__(self, locations: Mapping[str, Location], model: CostModel) -> None:
        self.locations = locations
        self.model = model
        self.sites = {location_id: _site(location, model) for location_id, location in locations.items()}


def _site(location: Location, model: CostModel) -> Site:
    phi = math.radians(location.latitude)
    fixed = (
        costs.parcel_cost(model)
        + costs.unreliability_cost(model, location.reliability)
        + costs.load_cost(model, location.load)
    )
    rate = costs.unit_rate(model, kind=location.kind, per_unit=location.per_unit)
    return Site(location, fixed, rate, phi, math.radians(location.longitude), math.cos(phi))


def km_to(site: Site, phi: float, lam: float, cos_phi: float) -> float:
    """Haversine distance (Earth radius 6371.0 km) from `site` to a point given in radians."""
    _, _, _, site_phi, site_lam, site_cos_phi = site
    h = sin((phi - site_phi) / 2) ** 2 + site_cos_phi * cos_phi * sin((lam - site_lam) / 2) ** 2
    return DIAMETER_KM * asin(min(1.0, sqrt(h)))
