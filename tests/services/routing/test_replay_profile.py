"""Replay of placed orders under a draft profile: each decided again from the stock and standing recorded
when it was routed, compared with the recorded decision, and nothing written.

Fixtures and numbers: replay_fixtures.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crossdock.db.models import Location, RoutingDecision
from crossdock.domain.orders import RequestedLine
from crossdock.domain.routing.replay_report import OrderReplay
from crossdock.services.routing.replay import ReplayReport, replay_profile
from replay_fixtures import MANHATTAN_KM, NEARER, NEWARK_KM, PICKUP, route_two_orders


@pytest.fixture
def routed(network: dict[str, Location], stock: Callable[..., Any], place: Callable[..., int]) -> list[int]:
    return route_two_orders(stock, place)


def kpis(report: ReplayReport) -> dict[str, tuple[float, float, float]]:
    return {row.name: (round(row.actual, 4), round(row.draft, 4), round(row.delta, 4)) for row in report.kpis}


def test_a_draft_that_pays_more_per_km_moves_orders_to_the_nearer_store(routed: list[int]) -> None:
    replayed: list[OrderReplay] = []

    report = replay_profile(NEARER, since="30d", each=replayed.append)

    table = kpis(report)
    assert (table["orders"], report.changed, report.skipped) == ((2, 2, 0), 2, {})
    assert table["mean_km"] == (round(NEWARK_KM, 4), round(MANHATTAN_KM, 4), round(MANHATTAN_KM - NEWARK_KM, 4))
    assert table["parcels_per_order"] == (1, 1, 0)
    assert table["split_rate"] == (0, 0, 0)
    # Four units in two parcels. Under the draft's weights a parcel costs 8 + 1.00 a km, under the active
    # profile's 8 + 0.002 a km; a unit 0.40 in Newark, 2.00 in Manhattan.
    assert table["cost"] == (
        round(2 * (8 + NEWARK_KM) + 4 * 0.4, 4),
        round(2 * (8 + MANHATTAN_KM) + 4 * 2.0, 4),
        -20.7671,
    )
    assert table["cost_as_routed"] == (17.6594, 24.0051, 6.3457)  # what happened was cheaper by the active weights
    assert [(row.location, row.actual.units, row.draft.units) for row in report.loads] == [
        ("ST-MAN", 0, 4),
        ("WH-NJ", 4, 0),
    ]
    assert [
        (r.order_id, [a.location for a in r.actual.allocations], [a.location for a in r.draft.allocations])
        for r in replayed
    ] == [
        (routed[0], ["WH-NJ"], ["ST-MAN"]),
        (routed[1], ["WH-NJ", "WH-NJ"], ["ST-MAN", "ST-MAN"]),
    ]


def test_each_order_sees_the_stock_and_score_recorded_at_its_time(routed: list[int], stock: Callable[..., Any]) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 0)  # sold out in the store since
    Location.objects.filter(code="ST-MAN").update(reliability_score=0.4)
    offered = {**NEARER, "strategy": "offer", "offers": {"store_count": 2}}

    report = replay_profile(offered, since="30d")

    table = kpis(report)
    assert table["mean_km"][1] == round(MANHATTAN_KM, 4)  # Manhattan had the runners then
    assert table["offers"] == (0, 3, 3)  # two runners: Manhattan and Brooklyn; runner and beanie: Manhattan only
    assert table["low_reliability_offers"] == (0, 0, 0)  # Manhattan scored 1.0 when the orders were placed
    assert kpis(replay_profile(offered, since="30d", low_reliability=1.01))["low_reliability_offers"] == (0, 3, 3)


def test_orders_without_a_placement_decision_or_outside_the_selector_are_counted_as_skipped(
    routed: list[int], place: Callable[..., int]
) -> None:
    place(RequestedLine("WOOL-BEANIE", 1, PICKUP, location="ST-MAN"))
    RoutingDecision.objects.filter(order_id=routed[1]).delete()  # as if placed before decisions were recorded
    store_channel_only = {**NEARER, "selector": {"channels": ["store"]}}

    everything = replay_profile(NEARER, since="30d")
    nothing_selected = replay_profile(store_channel_only, since="30d")

    assert (everything.actual.orders, everything.skipped) == (1, {"not_shipped": 1, "not_recorded": 1})
    assert (nothing_selected.actual.orders, nothing_selected.skipped) == (
        0,
        {"not_selected": 1, "not_shipped": 1, "not_recorded": 1},
    )


def test_a_limit_replays_the_most_recent_orders(routed: list[int]) -> None:
    replayed: list[OrderReplay] = []

    report = replay_profile(NEARER, since="30d", limit=1, each=replayed.append)

    assert (report.actual.orders, report.left_out, [r.order_id for r in replayed]) == (1, 1, [routed[1]])


def test_replay_writes_nothing(routed: list[int], db_state: Callable[[], dict[str, Any]]) -> None:
    before = db_state()
    decisions = list(RoutingDecision.objects.values_list("id", "explanation", "inputs"))

    replay_profile(NEARER, since="30d")

    assert db_state() == before
    assert list(RoutingDecision.objects.values_list("id", "explanation", "inputs")) == decisions
