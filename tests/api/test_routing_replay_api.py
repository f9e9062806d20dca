"""`POST /api/v1/routing/replay`: the KPI table of a draft against what happened; refused input names the
field; a replay writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from crossdock.db.models import Location, RoutingDecision
from replay_fixtures import COST, NEARER, route_two_orders

REPLAY = "/api/v1/routing/replay"


@pytest.fixture
def routed(network: dict[str, Location], stock: Callable[..., Any], place: Callable[..., int]) -> list[int]:
    return route_two_orders(stock, place)


def post(client: Any, body: object) -> Any:
    return client.post(REPLAY, json.dumps(body), content_type="application/json")


def test_a_replay_answers_with_the_kpis_of_both_sides(routed: list[int], client_with: Callable[..., Any]) -> None:
    response = post(client_with("routing:read"), {"spec": NEARER, "since": "30d"})

    assert response.status_code == 200
    body = response.json()
    assert (body["orders"], body["changed"], body["left_out"], body["skipped"]) == (2, 2, 0, {})
    kpis = {
        row["name"]: (round(row["actual"], 4), round(row["draft"], 4), round(row["delta"], 4)) for row in body["kpis"]
    }
    assert kpis["mean_km"] == (14.861, 1.2774, -13.5836)
    assert kpis["cost"] == (47.322, 26.5548, -20.7671)
    assert kpis["offers"] == (0, 0, 0)
    assert body["load"] == [
        {"location": "ST-MAN", "actual_units": 0, "draft_units": 4, "actual_fulfilments": 0, "draft_fulfilments": 2},
        {"location": "WH-NJ", "actual_units": 4, "draft_units": 0, "actual_fulfilments": 2, "draft_fulfilments": 0},
    ]


def test_a_limit_replays_the_most_recent_orders(routed: list[int], api: Any) -> None:
    body = post(api, {"spec": NEARER, "limit": 1}).json()

    assert (body["orders"], body["left_out"]) == (1, 1)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"spec": {"cost": {**COST, "per_km": -1.0}}}, "spec.cost.per_km"),
        ({"spec": {"cost": {**COST, "per_parcl": 8.0}}}, "spec.cost.per_parcl"),
        ({"spec": {"cost": COST, "filters": {"before_cutoff": "25:00"}}}, "spec.filters.before_cutoff"),
        ({"spec": {"cost": COST, "selector": {"channels": ["marketplace"]}}}, "spec.selector.channels[0]"),
        ({"spec": NEARER, "since": "last month"}, "since"),
        ({"spec": NEARER, "limit": 5001}, "limit"),
        ({"spec": NEARER, "low_reliability": 2}, "low_reliability"),
        ({"spec": NEARER, "dry_run": True}, "dry_run"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_changes_nothing(
    routed: list[int],
    api: Any,
    error_of: Callable[[Any], tuple[int, str, str | None]],
    db_state: Callable[[], dict[str, Any]],
    body: dict[str, Any],
    field: str,
) -> None:
    before = db_state()

    status, _, named = error_of(post(api, body))

    assert (status, named) == (422, field)
    assert db_state() == before


def test_a_replay_writes_nothing(routed: list[int], api: Any, db_state: Callable[[], dict[str, Any]]) -> None:
    before = db_state()
    decisions = list(RoutingDecision.objects.values_list("id", "explanation", "inputs"))

    assert post(api, {"spec": NEARER}).status_code == 200

    assert db_state() == before
    assert list(RoutingDecision.objects.values_list("id", "explanation", "inputs")) == decisions


def test_replay_needs_the_routing_read_scope(routed: list[int], client_with: Callable[..., Any]) -> None:
    assert post(client_with("orders:read"), {"spec": NEARER}).status_code == 403
