"""Reading reference data."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Location


@dataclass(frozen=True, slots=True)
class LocationView:
    code: str
    name: str
    type: str
    latitude: float
    longitude: float
    timezone: str
    city: str
    country: str
    capabilities: list[str]
    daily_capacity: int
    active: bool


def list_locations(*, type: str | None = None) -> list[LocationView]:
    query = Location.objects.all()
    if type:
        query = query.filter(type=type)
    return [
        LocationView(
            code=loc.code,
            name=loc.name,
            type=loc.type,
            latitude=loc.latitude,
            longitude=loc.longitude,
            timezone=loc.timezone,
            city=loc.city,
            country=loc.country,
            capabilities=list(loc.capabilities),
            daily_capacity=loc.daily_capacity,
            active=loc.active,
        )
        for loc in query
    ]
