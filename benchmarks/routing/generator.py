"""Instances in the Jasin–Sinha / Ma protocol, with real city coordinates, deterministic from a seed.

Demand: each order comes from one of the N largest US cities (weighted by population) and has
1–U units, each unit a SKU drawn from a skewed popularity. Supply: each SKU is stocked at a
random subset of the fulfilment centres, each holding the expected demand of the cities it is
nearest to (among those centres) plus a small safety margin — stock ≈ expected demand + a little.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from benchmarks.routing.cities import City, spread, us_cities
from crossdock.domain.geo import haversine_km

# The Jasin–Sinha shipping cost (per parcel + per distance), a handling cost, and a lost-sale penalty.
COST = {"per_parcel": 8.759, "per_km": 0.000336, "per_unit": 0.423, "unfilled_per_unit": 30.0}


@dataclass(frozen=True, slots=True)
class Protocol:
    name: str
    cities: int
    centres: int
    skus: int
    orders: int
    max_units: int
    margin: float = 0.05
    capacity: float | None = None
    centre_pool: int = 100


SMALL = Protocol("js-10x5x20", cities=10, centres=5, skus=20, orders=1000, max_units=5)
LARGE = Protocol("js-99x10x100", cities=99, centres=10, skus=100, orders=4000, max_units=10)
CAPACITY = Protocol("js-10x5x20-capacity", cities=10, centres=5, skus=20, orders=1000, max_units=5, capacity=1.1)
SCALE = Protocol("scale-10000x100", cities=99, centres=100, skus=100, orders=10000, max_units=10, centre_pool=300)


def generate(protocol: Protocol, seed: int = 1) -> dict[str, Any]:
    """The instance as the JSON object `crossdock route-eval` reads."""
    rng = random.Random(f"{protocol.name}:{seed}")
    cities = us_cities(max(protocol.cities, protocol.centre_pool))
    demand_cities = cities[: protocol.cities]
    centres = spread(cities, protocol.centres)
    popularity = _popularity(rng, protocol.skus)
    orders = [_order(rng, index, demand_cities, popularity, protocol.max_units) for index in range(protocol.orders)]
    stock = _stock(rng, protocol, demand_cities, centres, popularity)
    locations = [
        {
            "id": f"FC{index + 1:03d}",
            "name": city.name,
            "lat": city.latitude,
            "lon": city.longitude,
            "kind": "warehouse",
        }
        | ({"max_parcels": _capacity(protocol, len(centres))} if protocol.capacity else {})
        for index, city in enumerate(centres)
    ]
    return {
        "name": f"{protocol.name}-seed{seed}",
        "cost": dict(COST),
        "locations": locations,
        **stock,
        "orders": orders,
    }


def _popularity(rng: random.Random, skus: int) -> list[float]:
    weights = [1.0 / (rank + 1) ** 0.7 for rank in range(skus)]
    rng.shuffle(weights)
    total = sum(weights)
    return [weight / total for weight in weights]


def _order(
    rng: random.Random, index: int, cities: tuple[City, ...], popularity: list[float], max_units: int
) -> dict[str, Any]:
    city = rng.choices(cities, weights=[c.population for c in cities])[0]
    units = rng.randint(1, max_units)
    picked = rng.choices(range(len(popularity)), weights=popularity, k=units)
    lines: dict[int, int] = {}
    for sku in picked:
        lines[sku] = lines.get(sku, 0) + 1
    return {
        "id": f"O{index + 1:05d}",
        "lat": city.latitude,
        "lon": city.longitude,
        "lines": [{"sku": _sku(sku), "qty": qty} for sku, qty in lines.items()],
    }


def _stock(
    rng: random.Random, protocol: Protocol, cities: tuple[City, ...], centres: list[City], popularity: list[float]
) -> dict[str, Any]:
    population = sum(city.population for city in cities)
    units = protocol.orders * (1 + protocol.max_units) / 2
    rows = []
    for sku, share in enumerate(popularity):
        stocking = sorted(rng.sample(range(len(centres)), rng.randint(1, max(1, (len(centres) + 1) // 2))))
        demand = dict.fromkeys(stocking, 0.0)
        for city in cities:
            nearest = min(stocking, key=lambda c: _km(city, centres[c]))
            demand[nearest] += units * share * city.population / population
        for centre, expected in demand.items():
            qty = math.ceil(expected * (1 + protocol.margin))
            rows.append({"location": f"FC{centre + 1:03d}", "sku": _sku(sku), "qty": qty})
    return {"skus": [_sku(sku) for sku in range(len(popularity))], "stock": rows}


def _capacity(protocol: Protocol, centres: int) -> int:
    assert protocol.capacity is not None
    return math.ceil(protocol.orders * 1.3 / centres * protocol.capacity)


def _sku(index: int) -> str:
    return f"SKU{index + 1:04d}"


def _km(city: City, centre: City) -> float:
    return haversine_km(city.latitude, city.longitude, centre.latitude, centre.longitude)
