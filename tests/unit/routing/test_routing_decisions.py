from __future__ import annotations

import pytest
from routing_fixtures import BASE, BEANIE, JACKET, LOCATIONS, RUNNER, inventory, network, order

from crossdock.domain.routing import Allocation, CostModel, Method, Shortfall, route_order


def test_one_location_that_has_everything_ships_it_in_one_parcel() -> None:
    stock = inventory({("WH-NJ", RUNNER): 5, ("WH-NJ", BEANIE): 5, ("ST-MAN", RUNNER): 1})

    decision = route_order(order((RUNNER, 2), (BEANIE, 1)), network=network(), inventory=stock)

    assert decision.allocations == (Allocation(RUNNER, "WH-NJ", 2), Allocation(BEANIE, "WH-NJ", 1))
    assert decision.unfilled == ()
    assert decision.parcels == 1
    assert decision.method == Method.SEARCH


def test_the_order_is_split_when_no_single_location_has_it_all() -> None:
    stock = inventory({("ST-MAN", RUNNER): 2, ("ST-BKN", JACKET): 1})

    decision = route_order(order((RUNNER, 2), (JACKET, 1)), network=network(), inventory=stock)

    assert set(decision.allocations) == {Allocation(RUNNER, "ST-MAN", 2), Allocation(JACKET, "ST-BKN", 1)}
    assert decision.terms.parcels == pytest.approx(2 * 8.759)


def test_what_nobody_has_is_left_unfilled_at_its_penalty() -> None:
    stock = inventory({("WH-NJ", RUNNER): 1})

    decision = route_order(order((RUNNER, 3), (BEANIE, 1)), network=network(), inventory=stock)

    assert decision.allocations == (Allocation(RUNNER, "WH-NJ", 1),)
    assert decision.unfilled == (Shortfall(RUNNER, 2), Shortfall(BEANIE, 1))
    assert decision.terms.unfilled == 90.0


def test_a_split_penalty_makes_one_far_parcel_cheaper_than_two_near_ones() -> None:
    stock = inventory({("ST-MAN", RUNNER): 1, ("ST-BKN", JACKET): 1, ("ST-CHI", RUNNER): 1, ("ST-CHI", JACKET): 1})
    by_distance = CostModel(per_parcel=1.0, per_km=0.01, per_unit=0.4, unfilled_per_unit=30.0)
    penalised = CostModel(per_parcel=1.0, per_km=0.01, per_unit=0.4, unfilled_per_unit=30.0, split_penalty=15.0)

    near = route_order(order((RUNNER, 1), (JACKET, 1)), network=network(by_distance), inventory=stock)
    far = route_order(order((RUNNER, 1), (JACKET, 1)), network=network(penalised), inventory=stock)

    assert set(near.locations) == {"ST-MAN", "ST-BKN"}
    assert far.locations == ("ST-CHI",)
    assert near.terms.split == 0.0
    assert far.cost < 2 * 1.0 + 15.0


def test_max_parcels_per_order_leaves_the_rest_unfilled() -> None:
    stock = inventory({("ST-MAN", RUNNER): 1, ("ST-BKN", JACKET): 1})
    one_parcel = CostModel(per_parcel=8.759, per_km=0.0, per_unit=0.4, unfilled_per_unit=30.0, max_parcels_per_order=1)

    decision = route_order(order((RUNNER, 1), (JACKET, 1)), network=network(one_parcel), inventory=stock)

    assert decision.parcels == 1
    assert sum(shortfall.quantity for shortfall in decision.unfilled) == 1


def test_a_location_without_parcel_capacity_is_not_used() -> None:
    stock = inventory({("WH-NJ", RUNNER): 5, ("WH-LA", RUNNER): 5}, parcels={"WH-NJ": 0})

    decision = route_order(order((RUNNER, 1)), network=network(), inventory=stock)

    assert decision.locations == ("WH-LA",)


def test_the_depletion_penalty_spares_a_stores_last_units() -> None:
    stock = inventory({("ST-MAN", RUNNER): 2, ("WH-NJ", RUNNER): 9})
    keep_two = CostModel(
        per_parcel=1.0, per_km=0.1, per_unit=0.4, unfilled_per_unit=30.0, depletion_penalty=5.0, depletion_threshold=2
    )

    without = route_order(order((RUNNER, 1)), network=network(), inventory=stock)
    spared = route_order(order((RUNNER, 1)), network=network(keep_two), inventory=stock)

    assert without.locations == ("ST-MAN",)
    assert spared.locations == ("WH-NJ",)


def test_unreliable_stores_cost_more_to_choose() -> None:
    shaky = dict(LOCATIONS) | {
        "ST-MAN": LOCATIONS["ST-MAN"].__class__("ST-MAN", 40.758, -73.9855, "store", reliability=0.2)
    }
    stock = inventory({("ST-MAN", RUNNER): 3, ("ST-BKN", RUNNER): 3})
    wary = CostModel(per_parcel=1.0, per_km=0.01, per_unit=0.4, unfilled_per_unit=30.0, unreliability_weight=4.0)

    decision = route_order(order((RUNNER, 1)), network=network(wary, shaky), inventory=stock)

    assert decision.locations == ("ST-BKN",)


def test_profile_exclusions_are_respected() -> None:
    stock = inventory({("WH-NJ", RUNNER): 5, ("WH-LA", RUNNER): 5})

    decision = route_order(order((RUNNER, 1)), network=network(), inventory=stock, excluded={"WH-NJ": "max_distance"})

    assert decision.locations == ("WH-LA",)


def test_routing_reads_the_inventory_and_taking_commits_it() -> None:
    stock = inventory({("WH-NJ", RUNNER): 2}, parcels={"WH-NJ": 1})
    decision = route_order(order((RUNNER, 2)), network=network(), inventory=stock)
    assert stock.quantity("WH-NJ", RUNNER) == 2

    stock.take(decision.allocations)

    assert stock.quantity("WH-NJ", RUNNER) == 0
    assert stock.parcels_left("WH-NJ") == 0


def test_two_lines_of_one_sku_share_its_stock() -> None:
    stock = inventory({("WH-NJ", RUNNER): 3})

    decision = route_order(order((RUNNER, 2), (RUNNER, 2)), network=network(), inventory=stock)

    assert decision.allocations == (Allocation(RUNNER, "WH-NJ", 3),)
    assert decision.unfilled == (Shortfall(RUNNER, 1),)


def test_base_model_has_no_profile_terms() -> None:
    assert BASE.split_penalty == BASE.load_weight == BASE.depletion_penalty == 0.0
