from __future__ import annotations

import json

import pytest
from routing_fixtures import BEANIE, RUNNER, inventory, network, order

from crossdock.domain.routing import Rule, Verdict, explain, route_order


def _explained() -> dict[str, object]:
    stock = inventory(
        {
            ("WH-NJ", RUNNER): 3,
            ("WH-NJ", BEANIE): 3,
            ("ST-MAN", RUNNER): 1,
            ("ST-CHI", BEANIE): 2,
            ("WH-LA", RUNNER): 9,
        },
        parcels={"ST-CHI": 0},
    )
    decision = route_order(
        order((RUNNER, 2), (BEANIE, 1)), network=network(), inventory=stock, excluded={"WH-LA": "max_distance"}
    )
    return {verdict.location: verdict for verdict in explain(decision).candidates}


def test_every_location_of_the_network_is_listed_once() -> None:
    assert sorted(_explained()) == ["ST-BKN", "ST-CHI", "ST-MAN", "WH-LA", "WH-NJ"]


def test_the_chosen_location_says_what_it_ships_and_its_parcel_terms() -> None:
    chosen = _explained()["WH-NJ"]

    assert chosen.verdict == Verdict.CHOSEN
    assert chosen.ships == {RUNNER: 2, BEANIE: 1}
    assert chosen.reason == f"ships 2 × {RUNNER}, 1 × {BEANIE}"
    assert chosen.parcel_terms["parcels"] == 8.759
    assert chosen.parcel_terms["distance"] == pytest.approx(0.000336 * chosen.km, abs=1e-6)


def test_infeasible_locations_name_the_rule_that_ruled_them_out() -> None:
    verdicts = _explained()

    assert (verdicts["ST-BKN"].verdict, verdicts["ST-BKN"].rule) == (Verdict.INFEASIBLE, Rule.NO_STOCK)
    assert verdicts["ST-CHI"].rule == Rule.NO_PARCEL_CAPACITY
    assert verdicts["WH-LA"].rule == "max_distance"


def test_a_costlier_location_says_by_how_much_and_through_which_term() -> None:
    loser = _explained()["ST-MAN"]

    # Opening Manhattan too only adds a parcel: 8.759 plus its distance and its load/reliability terms (none here).
    assert loser.verdict == Verdict.COSTLIER
    assert loser.through == "parcels"
    assert loser.alternative == ("WH-NJ", "ST-MAN") or set(loser.alternative) == {"WH-NJ", "ST-MAN"}
    assert loser.extra_cost == pytest.approx(8.759 + loser.parcel_terms.get("distance", 0.0), abs=1e-5)
    assert loser.differences["parcels"] == 8.759
    assert loser.reason.startswith(f"costlier by {loser.extra_cost:.4f}")


def test_a_swap_that_leaves_units_unfilled_is_explained_by_the_unfilled_term() -> None:
    stock = inventory({("WH-NJ", RUNNER): 3, ("ST-BKN", RUNNER): 1})
    decision = route_order(order((RUNNER, 3)), network=network(), inventory=stock)

    brooklyn = next(v for v in explain(decision).candidates if v.location == "ST-BKN")

    # Best plan with Brooklyn: both locations (an extra parcel, 8.76) beats Brooklyn alone (2 unfilled, 60).
    assert brooklyn.through == "parcels"
    assert brooklyn.extra_cost is not None and 8.759 < brooklyn.extra_cost < 9.0


def test_no_loser_is_cheaper_than_the_decision() -> None:
    for verdict in _explained().values():
        assert verdict.extra_cost is None or verdict.extra_cost >= -1e-9


def test_an_explanation_serialises_to_plain_data() -> None:
    stock = inventory({("WH-NJ", RUNNER): 3})
    explanation = explain(route_order(order((RUNNER, 1)), network=network(), inventory=stock))

    data = explanation.as_dict()

    assert data["order_id"] == "O-1"
    assert data["method"] == "branch_and_bound"
    assert json.loads(json.dumps(data)) == data
    assert data["candidates"][0]["verdict"] == "chosen"
