"""A profile's location filters applied to the network: which locations may not fulfil, and by which rule.

Rules are checked in a fixed order and the first one a location breaks is reported. Times are read in
each location's own time zone (an unknown zone counts as UTC). Without a destination the distance
rule cannot be judged and lets every location through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crossdock.domain.geo import haversine_km
from crossdock.domain.routing.hours import is_open, minute_of_day, minutes_of
from crossdock.domain.routing.profile import LocationFilters


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What the filters read of one location."""

    code: str
    kind: str
    capabilities: frozenset[str]
    latitude: float
    longitude: float
    timezone: str
    opening_hours: Mapping[str, Any]
    capacity_left: int | None  # None: no limit
    reliability: float


@dataclass(frozen=True, slots=True)
class _Moment:
    destination: tuple[float, float] | None
    now: datetime


def exclusions(
    filters: LocationFilters, sites: Sequence[SiteFacts], *, destination: tuple[float, float] | None, now: datetime
) -> dict[str, str]:
    """code → the rule that excluded it, for every location the filters rule out."""
    moment = _Moment(destination, now)
    excluded: dict[str, str] = {}
    for site in sites:
        broken = next((rule for rule, passes in RULES if not passes(filters, site, moment)), None)
        if broken is not None:
            excluded[site.code] = broken
    return excluded


def _location_type(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    return not filters.location_types or site.kind in filters.location_types


def _capability(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    return set(filters.required_capabilities) <= site.capabilities


def _max_distance(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    if filters.max_distance_km is None or moment.destination is None:
        return True
    latitude, longitude = moment.destination
    return haversine_km(site.latitude, site.longitude, latitude, longitude) <= filters.max_distance_km


def _open(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    return not filters.open_now or is_open(site.opening_hours, _local(moment.now, site.timezone))


def _before_cutoff(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    cutoff = minutes_of(filters.before_cutoff) if filters.before_cutoff is not None else None
    return cutoff is None or minute_of_day(_local(moment.now, site.timezone)) < cutoff


def _capacity(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    limit, left = filters.min_capacity_left, site.capacity_left
    return limit is None or left is None or left >= limit


def _reliability(filters: LocationFilters, site: SiteFacts, moment: _Moment) -> bool:
    return filters.min_reliability is None or site.reliability >= filters.min_reliability


Rule = Callable[[LocationFilters, SiteFacts, _Moment], bool]

RULES: tuple[tuple[str, Rule], ...] = (
    ("location_type", _location_type),
    ("capability", _capability),
    ("max_distance", _max_distance),
    ("closed", _open),
    ("after_cutoff", _before_cutoff),
    ("capacity", _capacity),
    ("reliability", _reliability),
)


def _local(now: datetime, zone: str) -> datetime:
    return now.astimezone(_zone(zone))


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
