"""Does a profile's filter leave any location of the network? Asked at activation, as a warning."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from crossdock.db.models import Location
from crossdock.domain.routing.filters import SiteFacts, exclusions
from crossdock.domain.routing.profile import LocationFilters

EXCLUDES_EVERY_LOCATION = "filters_exclude_every_location"


@dataclass(frozen=True, slots=True)
class ProfileWarning:
    code: str
    message: str
    field: str | None


def coverage_warnings(filters: LocationFilters, *, now: datetime) -> list[ProfileWarning]:
    """A warning if the filters rule out every active location right now (no destination, so no distance
    rule; capacity counts a location's whole daily capacity). An empty network gets no warning."""
    sites = active_sites()
    excluded = exclusions(filters, sites, destination=None, now=now)
    if not sites or len(excluded) < len(sites):
        return []
    rules = ", ".join(f"{rule}: {count}" for rule, count in sorted(Counter(excluded.values()).items()))
    message = f"the filters exclude all {len(sites)} active locations right now ({rules})"
    return [ProfileWarning(EXCLUDES_EVERY_LOCATION, message, "spec.filters")]


def active_sites() -> list[SiteFacts]:
    rows = Location.objects.filter(active=True).values_list(
        "code",
        "type",
        "capabilities",
        "latitude",
        "longitude",
        "timezone",
        "opening_hours",
        "daily_capacity",
        "reliability_score",
    )
    return [
        SiteFacts(
            code=code,
            kind=kind,
            capabilities=frozenset(capabilities or ()),
            latitude=latitude,
            longitude=longitude,
            timezone=timezone,
            opening_hours=hours or {},
            capacity_left=capacity,
            reliability=reliability,
        )
        for code, kind, capabilities, latitude, longitude, timezone, hours, capacity, reliability in rows
    ]
