"""Location filters: every rule, in each location's own time zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crossdock.domain.routing.filters import SiteFacts, exclusions
from crossdock.domain.routing.profile import LocationFilters

# Wednesday 13 March 2024, 14:30 UTC: 10:30 in New York (EDT), 07:30 in Los Angeles (PDT), 23:30 in Tokyo.
WEDNESDAY_AFTERNOON_UTC = datetime(2024, 3, 13, 14, 30, tzinfo=UTC)
PENN_STATION = (40.7506, -73.9971)
WEEKDAYS_9_TO_9 = {day: ["09:00", "21:00"] for day in ("mon", "tue", "wed", "thu", "fri")}

MANHATTAN = SiteFacts(
    code="ST-MAN",
    kind="store",
    capabilities=frozenset({"pickup", "ship_from_store"}),
    latitude=40.7580,
    longitude=-73.9855,
    timezone="America/New_York",
    opening_hours=WEEKDAYS_9_TO_9,
    capacity_left=40,
    reliability=0.92,
)
NEWARK = SiteFacts(
    code="WH-NJ",
    kind="warehouse",
    capabilities=frozenset({"ship"}),
    latitude=40.7357,
    longitude=-74.1724,
    timezone="America/New_York",
    opening_hours={},
    capacity_left=None,
    reliability=1.0,
)
CHICAGO = replace(MANHATTAN, code="ST-CHI", latitude=41.8837, longitude=-87.6289, timezone="America/Chicago")
HOLLYWOOD = replace(MANHATTAN, code="ST-LAX", latitude=34.0928, longitude=-118.3287, timezone="America/Los_Angeles")
SHIBUYA = replace(MANHATTAN, code="ST-TYO", latitude=35.6580, longitude=139.7016, timezone="Asia/Tokyo")


def excluded(
    filters: LocationFilters,
    *sites: SiteFacts,
    now: datetime = WEDNESDAY_AFTERNOON_UTC,
    destination: tuple[float, float] | None = PENN_STATION,
) -> dict[str, str]:
    return exclusions(filters, sites, destination=destination, now=now)


def test_no_filters_exclude_nothing() -> None:
    assert excluded(LocationFilters(), MANHATTAN, NEWARK, SHIBUYA) == {}


def test_location_types() -> None:
    assert excluded(LocationFilters(location_types=("warehouse",)), MANHATTAN, NEWARK) == {"ST-MAN": "location_type"}


def test_required_capabilities_must_all_be_there() -> None:
    filters = LocationFilters(required_capabilities=("pickup", "ship_from_store"))

    assert excluded(filters, MANHATTAN, NEWARK) == {"WH-NJ": "capability"}


def test_max_distance_from_the_destination() -> None:
    # Manhattan is 1.3 km from Penn Station, Newark 14.9 km, Chicago 1,144 km.
    assert excluded(LocationFilters(max_distance_km=10.0), MANHATTAN, NEWARK, CHICAGO) == {
        "WH-NJ": "max_distance",
        "ST-CHI": "max_distance",
    }


def test_without_a_destination_distance_cannot_exclude() -> None:
    assert excluded(LocationFilters(max_distance_km=10.0), MANHATTAN, CHICAGO, destination=None) == {}


def test_open_now_reads_the_hours_in_each_stores_time_zone() -> None:
    # 10:30 in New York and Chicago's 09:30 are open; 07:30 in Los Angeles and 23:30 in Tokyo are not.
    filters = LocationFilters(open_now=True)

    assert excluded(filters, MANHATTAN, CHICAGO, HOLLYWOOD, SHIBUYA, NEWARK) == {
        "ST-LAX": "closed",
        "ST-TYO": "closed",
    }


def test_a_day_missing_from_the_hours_is_closed_and_no_hours_mean_always_open() -> None:
    saturday_noon_in_new_york = datetime(2024, 3, 16, 16, 0, tzinfo=UTC)

    assert excluded(LocationFilters(open_now=True), MANHATTAN, NEWARK, now=saturday_noon_in_new_york) == {
        "ST-MAN": "closed"
    }


@pytest.mark.parametrize(
    ("utc_hour", "utc_minute", "open_in_new_york"),
    [(12, 59, False), (13, 0, True), (0, 59, True), (1, 0, False)],  # 08:59, 09:00, 20:59, 21:00 EDT
)
def test_opening_counts_and_closing_does_not(utc_hour: int, utc_minute: int, open_in_new_york: bool) -> None:
    day = 13 if utc_hour >= 4 else 14  # 00:59 UTC on Thursday is still Wednesday evening in New York
    now = datetime(2024, 3, day, utc_hour, utc_minute, tzinfo=UTC)

    expected = {} if open_in_new_york else {"ST-MAN": "closed"}

    assert excluded(LocationFilters(open_now=True), MANHATTAN, now=now) == expected


def test_hours_past_midnight_stay_open_into_the_next_morning() -> None:
    late_night = replace(MANHATTAN, opening_hours={"wed": ["18:00", "02:00"]})
    thursday_01_30_in_new_york = datetime(2024, 3, 14, 5, 30, tzinfo=UTC)
    thursday_02_30_in_new_york = datetime(2024, 3, 14, 6, 30, tzinfo=UTC)

    assert excluded(LocationFilters(open_now=True), late_night, now=thursday_01_30_in_new_york) == {}
    assert excluded(LocationFilters(open_now=True), late_night, now=thursday_02_30_in_new_york) == {"ST-MAN": "closed"}


def test_a_day_with_a_lunch_break() -> None:
    lunch_break = replace(MANHATTAN, opening_hours={"wed": [["08:00", "10:00"], ["11:00", "18:00"]]})

    assert excluded(LocationFilters(open_now=True), lunch_break) == {"ST-MAN": "closed"}  # 10:30 in New York


def test_the_cutoff_is_each_stores_local_time() -> None:
    # 10:30 in New York and 09:30 in Chicago are past a 10:00 cut-off only in New York.
    filters = LocationFilters(before_cutoff="10:00")

    assert excluded(filters, MANHATTAN, CHICAGO, HOLLYWOOD) == {"ST-MAN": "after_cutoff"}


def test_an_order_at_the_cutoff_minute_is_too_late() -> None:
    assert excluded(LocationFilters(before_cutoff="10:30"), MANHATTAN) == {"ST-MAN": "after_cutoff"}
    assert excluded(LocationFilters(before_cutoff="10:31"), MANHATTAN) == {}


def test_capacity_left_and_no_limit() -> None:
    filters = LocationFilters(min_capacity_left=41)

    assert excluded(filters, MANHATTAN, NEWARK) == {"ST-MAN": "capacity"}  # Newark has no limit


def test_minimum_reliability() -> None:
    assert excluded(LocationFilters(min_reliability=0.95), MANHATTAN, NEWARK) == {"ST-MAN": "reliability"}


def test_the_first_rule_broken_is_the_one_reported() -> None:
    filters = LocationFilters(location_types=("warehouse",), min_reliability=0.95, open_now=True)

    assert excluded(filters, SHIBUYA) == {"ST-TYO": "location_type"}
    assert excluded(replace(filters, location_types=()), SHIBUYA) == {"ST-TYO": "closed"}


def test_an_unknown_time_zone_is_read_as_utc() -> None:
    nowhere = replace(MANHATTAN, timezone="Mars/Olympus_Mons")

    assert excluded(LocationFilters(before_cutoff="14:00"), nowhere) == {"ST-MAN": "after_cutoff"}  # 14:30 UTC
