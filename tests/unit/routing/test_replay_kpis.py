"""Replay in pure code: a recorded order decided again under a draft, both sides measured the same way.

Three locations on the equator east of the destination (0°, 0°): a store 1° away (111.19 km), a store
1.5° away and a warehouse 2° away. One degree of a great circle is 6371 × π / 180 km.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.live import SourcingInputs
from crossdock.domain.routing.network import Line, Location
from crossdock.domain.routing.plan import Allocation, Shortfall
from crossdock.domain.routing.profile import ProfileSpec
from crossdock.domain.routing.replay import Kpis, LocationLoad, measure
from crossdock.domain.routing.replay_order import Side, StaticFacts, draft_exclusions, offered_stores, replay_draft
from crossdock.domain.routing.replay_report import Recorded, kpi_rows, load_rows, replay_recorded

KM = 6371.0 * math.pi / 180  # one degree
RUNNER = "RETRO-RUNNER-42"
ROUTED_AT = datetime(2024, 3, 13, 14, 30, tzinfo=UTC)
AS_ROUTED = CostModel(
    per_parcel=5.0, per_km=0.01, per_unit=1.0, unfilled_per_unit=100.0, per_unit_by_kind={"store": 4.0}
)
INPUTS = SourcingInputs(
    model=AS_ROUTED,
    destination=(0.0, 0.0),
    locations=(
        Location("ST-NEAR", 0.0, 1.0, kind="store", reliability=0.5, load=0.25),
        Location("ST-MID", 0.0, 1.5, kind="store", reliability=0.9),
        Location("WH-FAR", 0.0, 2.0, kind="warehouse"),
    ),
    stock={("ST-NEAR", RUNNER): 2, ("ST-MID", RUNNER): 2, ("WH-FAR", RUNNER): 5},
    lines=(Line(RUNNER, 2),),
)
STORE = StaticFacts("store", frozenset({"pickup", "ship_from_store"}), "UTC", {}, daily_capacity=40)
FACTS = {"ST-NEAR": STORE, "ST-MID": STORE, "WH-FAR": StaticFacts("warehouse", frozenset({"ship"}), "UTC", {}, 500)}
COST = {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 1.0, "unfilled_per_unit": 100.0}
NEARER = ProfileSpec.from_json({"cost": COST, "strategy": "offer", "offers": {"store_count": 2}})
FROM_FAR = Side((Allocation(RUNNER, "WH-FAR", 2),), ())


def test_the_recorded_plan_is_priced_as_the_engine_priced_it() -> None:
    recorded = INPUTS.decide()

    metrics = measure(Side(recorded.allocations, ()), INPUTS, draft_model=NEARER.cost, low_reliability=0.7)

    assert recorded.allocations == FROM_FAR.allocations
    assert metrics.cost_as_routed == pytest.approx(recorded.cost, rel=1e-12)
    assert metrics.cost_as_routed == pytest.approx(5 + 0.01 * 2 * KM + 2 * 1.0, rel=1e-12)
    assert metrics.cost == pytest.approx(5 + 0.1 * 2 * KM + 2 * 1.0, rel=1e-12)
    assert (metrics.parcels, metrics.measured_parcels, metrics.units, metrics.unfilled_units) == (1, 1, 2, 0)
    assert metrics.km == pytest.approx(2 * KM, rel=1e-12)
    assert metrics.load == {"WH-FAR": LocationLoad(units=2, fulfilments=1)}


def test_a_draft_that_pays_more_per_km_ships_from_the_nearest_store_and_offers_the_next() -> None:
    draft = replay_draft(INPUTS, NEARER, facts=FACTS, routed_at=ROUTED_AT)

    metrics = measure(draft, INPUTS, draft_model=NEARER.cost, low_reliability=0.7)

    assert draft == Side((Allocation(RUNNER, "ST-NEAR", 2),), (), offers=("ST-NEAR", "ST-MID"))
    assert metrics.cost == pytest.approx(5 + 0.1 * KM + 2 * 1.0, rel=1e-12)
    assert metrics.cost_as_routed == pytest.approx(5 + 0.01 * KM + 2 * 4.0, rel=1e-12)
    assert (metrics.offers, metrics.low_reliability_offers) == (2, 1)  # ST-NEAR scored 0.5 at the order time


def test_the_drafts_filters_read_the_recorded_load_and_todays_location_facts() -> None:
    within_150_km = ProfileSpec.from_json({"cost": COST, "filters": {"max_distance_km": 150}})
    capacity_31 = ProfileSpec.from_json({"cost": COST, "filters": {"min_capacity_left": 31}})
    no_shipping = {**FACTS, "ST-MID": StaticFacts("store", frozenset({"pickup"}), "UTC", {}, 40)}

    by_distance = draft_exclusions(INPUTS, within_150_km, facts=FACTS, routed_at=ROUTED_AT)
    by_capacity = draft_exclusions(INPUTS, capacity_31, facts=no_shipping, routed_at=ROUTED_AT)

    assert by_distance == {"ST-MID": "max_distance", "WH-FAR": "max_distance"}
    # ST-NEAR had used a quarter of its 40 fulfilments: 30 left, below 31.
    assert by_capacity == {"ST-NEAR": "capacity", "ST-MID": "cannot_ship"}


def test_an_order_the_draft_filters_leave_short_is_measured_with_its_unfilled_units() -> None:
    one_store_only = ProfileSpec.from_json(
        {"cost": COST, "filters": {"location_types": ["store"], "max_distance_km": 150}}
    )
    inputs = replace(INPUTS, stock={("ST-NEAR", RUNNER): 1, ("WH-FAR", RUNNER): 5})

    draft = replay_draft(inputs, one_store_only, facts=FACTS, routed_at=ROUTED_AT)
    metrics = measure(draft, inputs, draft_model=one_store_only.cost, low_reliability=0.7)

    assert draft == Side((Allocation(RUNNER, "ST-NEAR", 1),), (Shortfall(RUNNER, 1),))
    assert (metrics.units, metrics.unfilled_units) == (1, 1)
    assert metrics.cost == pytest.approx(5 + 0.1 * KM + 1.0 + 100.0, rel=1e-12)


def test_offers_follow_the_strategy_of_each_side() -> None:
    assert offered_stores(INPUTS, FROM_FAR.allocations, (), facts=FACTS, store_count=3) == ()  # warehouses are assigned
    shipped_near = (Allocation(RUNNER, "ST-NEAR", 2),)
    assert offered_stores(INPUTS, shipped_near, (), facts=FACTS, store_count=3) == ("ST-NEAR", "ST-MID")
    assert offered_stores(INPUTS, shipped_near, (), facts=FACTS, store_count=0) == ()


def test_kpis_add_orders_up_and_the_table_shows_draft_minus_actual() -> None:
    recorded = Recorded(1, 10, ROUTED_AT, INPUTS, FROM_FAR, store_count=0)
    two_units_near = Recorded(
        2, 11, ROUTED_AT, INPUTS, Side((Allocation(RUNNER, "ST-NEAR", 1), Allocation(RUNNER, "ST-MID", 1)), ()), 0
    )
    actual, draft = Kpis(), Kpis()
    for order in (recorded, two_units_near):
        replayed = replay_recorded(order, NEARER, facts=FACTS, low_reliability=0.7)
        actual.add(replayed.actual_metrics)
        draft.add(replayed.draft_metrics)

    table = {row.name: (row.actual, row.draft, row.delta) for row in kpi_rows(actual, draft)}

    assert table["orders"] == (2, 2, 0)
    assert table["parcels_per_order"] == (1.5, 1.0, -0.5)
    assert table["split_rate"] == (0.5, 0.0, -0.5)
    assert table["mean_km"] == pytest.approx((4.5 * KM / 3, KM, KM - 4.5 * KM / 3), rel=1e-12)
    assert table["offers"] == (0, 4, 4)
    assert table["low_reliability_offers"] == (0, 2, 2)
    assert table["unfilled_units"] == (0, 0, 0)
    assert table["cost"][2] == pytest.approx(
        2 * (5 + 0.1 * KM + 2) - (5 + 0.2 * KM + 2) - (10 + 0.25 * KM + 2), rel=1e-12
    )
    assert [(row.location, row.actual, row.draft) for row in load_rows(actual, draft)] == [
        ("ST-MID", LocationLoad(1, 1), LocationLoad(0, 0)),
        ("ST-NEAR", LocationLoad(1, 1), LocationLoad(4, 2)),
        ("WH-FAR", LocationLoad(2, 1), LocationLoad(0, 0)),
    ]
