"""A replay's window ("30d", "12h", an ISO date) and its per-order CSV row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.plan import Allocation
from crossdock.domain.routing.replay import LocationLoad, OrderMetrics
from crossdock.domain.routing.replay_order import Side
from crossdock.domain.routing.replay_report import CSV_COLUMNS, OrderReplay, csv_row, parse_since

NOW = datetime(2024, 3, 13, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("30d", datetime(2024, 2, 12, 14, 30, tzinfo=UTC)),
        ("12h", datetime(2024, 3, 13, 2, 30, tzinfo=UTC)),
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-03-01T09:00:00+01:00", datetime(2024, 3, 1, 8, tzinfo=UTC)),
    ],
)
def test_the_window_starts_a_duration_ago_or_at_a_date(text: str, since: datetime) -> None:
    assert parse_since(text, now=NOW) == since


@pytest.mark.parametrize("text", ["30 days", "d30", "-3d", "2024-13-01", "2024-03-14", ""])
def test_a_window_that_cannot_be_read_or_starts_in_the_future_names_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_since(text, now=NOW)

    assert refused.value.field == "since"


def metrics(cost: float, parcels: int, offers: int = 0, low: int = 0) -> OrderMetrics:
    return OrderMetrics(cost, cost / 2, parcels, 10.0 * parcels, parcels, 2, 0, offers, low, {"X": LocationLoad(2, 1)})


def test_a_csv_row_shows_both_plans_and_what_changed() -> None:
    replayed = OrderReplay(
        order_id=7,
        decision_id=70,
        routed_at=NOW,
        actual=Side((Allocation("RETRO-RUNNER-42", "WH-NJ", 2),), ()),
        draft=Side((Allocation("RETRO-RUNNER-42", "ST-MAN", 2),), (), offers=("ST-MAN", "ST-BKN")),
        actual_metrics=metrics(23.66097651, 1),
        draft_metrics=metrics(13.27740966, 1, offers=2, low=1),
    )

    row = csv_row(replayed)

    assert tuple(row) == CSV_COLUMNS
    assert row == {
        "order_id": 7,
        "decision_id": 70,
        "routed_at": "2024-03-13T14:30:00+00:00",
        "changed": "yes",
        "actual_locations": "WH-NJ:RETRO-RUNNER-42×2",
        "draft_locations": "ST-MAN:RETRO-RUNNER-42×2",
        "actual_cost": 23.661,
        "draft_cost": 13.2774,
        "cost_delta": -10.3836,
        "actual_cost_as_routed": 11.8305,
        "draft_cost_as_routed": 6.6387,
        "actual_parcels": 1,
        "draft_parcels": 1,
        "actual_km": 10.0,
        "draft_km": 10.0,
        "actual_unfilled_units": 0,
        "draft_unfilled_units": 0,
        "actual_offers": "",
        "draft_offers": "ST-MAN ST-BKN",
        "actual_low_reliability_offers": 0,
        "draft_low_reliability_offers": 1,
    }


def test_an_order_the_draft_ships_and_offers_the_same_way_is_unchanged() -> None:
    same = Side((Allocation("RETRO-RUNNER-42", "WH-NJ", 2),), ())

    replayed = OrderReplay(1, 1, NOW, same, same, metrics(9.0, 1), metrics(9.0, 1))

    assert not replayed.changed
    assert csv_row(replayed)["changed"] == "no"
