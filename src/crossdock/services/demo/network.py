"""The demo's channels, distribution centres and stores, at real city coordinates."""

from __future__ import annotations

import re
from random import Random
from typing import Any

from crossdock.db.models import Channel
from crossdock.domain.locations import Capability, LocationType
from crossdock.services.catalog.upsert import LocationData, upsert_locations
from crossdock.services.demo.cities import City, hub_cities, largest_cities
from crossdock.services.demo.scale import Scale

# code, name, the location types whose stock the channel may sell (empty: all of them)
CHANNELS: tuple[tuple[str, str, list[str]], ...] = (
    ("web", "Web shop", ["warehouse", "store"]),
    ("store", "Stores", []),
    ("marketplace", "Marketplace", ["warehouse"]),
    ("call_centre", "Call centre", ["warehouse", "store"]),
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
# Most stores also ship online orders; the rest only hand over pickups.
SHIP_FROM_STORE_SHARE = 0.8


def seed_channels() -> None:
    Channel.objects.bulk_create([Channel(code=code, name=name, location_types=types) for code, name, types in CHANNELS])


def seed_locations(rng: Random, scale: Scale) -> list[LocationData]:
    """Warehouses in logistics hubs, then stores in the most populous cities. Returns what was written."""
    locations = [_warehouse(city, rng) for city in hub_cities(scale.warehouses)]
    locations += [_store(city, rng) for city in largest_cities(scale.stores)]
    upsert_locations(locations)
    return locations


def _warehouse(city: City, rng: Random) -> LocationData:
    return LocationData(
        code=f"DC-{_slug(city.name)}-{city.state}",
        name=f"{city.name} Distribution Centre",
        type=LocationType.WAREHOUSE,
        latitude=city.latitude,
        longitude=city.longitude,
        timezone=city.timezone,
        city=city.name,
        country="US",
        capabilities=[Capability.SHIP],
        opening_hours={**{day: ["06:00", "22:00"] for day in WEEKDAYS}, "sat": ["08:00", "16:00"]},
        daily_capacity=rng.randrange(4000, 8001, 500),
    )


def _store(city: City, rng: Random) -> LocationData:
    capabilities = [Capability.PICKUP]
    if rng.random() < SHIP_FROM_STORE_SHARE:
        capabilities.append(Capability.SHIP_FROM_STORE)
    return LocationData(
        code=f"ST-{_slug(city.name)}-{city.state}",
        name=f"{city.name}, {city.state}",
        type=LocationType.STORE,
        latitude=city.latitude,
        longitude=city.longitude,
        timezone=city.timezone,
        city=city.name,
        country="US",
        capabilities=capabilities,
        opening_hours=_store_hours(rng),
        daily_capacity=rng.randrange(20, 81, 5),
    )


def _store_hours(rng: Random) -> dict[str, Any]:
    opens = rng.choice(["09:00", "10:00"])
    closes = rng.choice(["20:00", "21:00"])
    hours: dict[str, Any] = {**{day: [opens, closes] for day in WEEKDAYS}, "sat": ["10:00", closes]}
    if rng.random() < 0.85:  # a few stores stay closed on Sundays
        hours["sun"] = ["11:00", "18:00"]
    return hours


def _slug(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
