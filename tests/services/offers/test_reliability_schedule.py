"""The hourly reliability refresh runs once per hour however many workers call it."""

from __future__ import annotations

from datetime import timedelta

from crossdock.services import clock
from crossdock.services.reliability.schedule import refresh_reliability_if_due


def test_the_refresh_runs_once_an_hour_over_every_store(stores) -> None:  # type: ignore[no-untyped-def]
    now = clock.now()

    first = refresh_reliability_if_due(now)
    again = refresh_reliability_if_due(now + timedelta(minutes=59))
    next_hour = refresh_reliability_if_due(now + timedelta(minutes=60))

    store_count = sum(1 for location in stores.values() if location.type == "store")
    assert (first, again, next_hour) == (store_count, 0, store_count)
