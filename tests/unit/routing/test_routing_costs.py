from __future__ import annotations

import math

import pytest
from routing_fixtures import BASE, LOCATIONS

from crossdock.domain.errors import InvalidInput
from crossdock.domain.geo import haversine_km
from crossdock.domain.routing import CostModel, Terms, costs
from crossdock.domain.routing.network import Network, km_to

PROFILE = CostModel(
    per_parcel=8.0,
    per_km=0.01,
    per_unit=0.5,
    unfilled_per_unit=30.0,
    per_unit_by_kind={"store": 0.9},
    split_penalty=2.0,
    unreliability_weight=5.0,
    load_weight=3.0,
    depletion_penalty=1.5,
    depletion_threshold=2,
)


def test_fixed_terms_each_have_their_own_function() -> None:
    assert costs.parcel_cost(PROFILE) == 8.0
    assert costs.distance_cost(PROFILE, 120.0) == pytest.approx(1.2)
    assert costs.unreliability_cost(PROFILE, 0.8) == pytest.approx(1.0)
    assert costs.load_cost(PROFILE, 0.25) == pytest.approx(0.75)


def test_split_penalty_is_paid_for_every_parcel_beyond_the_first() -> None:
    assert [costs.split_cost(PROFILE, parcels) for parcels in (0, 1, 2, 3)] == [0.0, 0.0, 2.0, 4.0]


def test_unit_rate_prefers_the_location_then_its_kind_then_the_global_rate() -> None:
    assert costs.unit_rate(PROFILE, kind="store", per_unit=0.2) == 0.2
    assert costs.unit_rate(PROFILE, kind="store", per_unit=None) == 0.9
    assert costs.unit_rate(PROFILE, kind="warehouse", per_unit=None) == 0.5
    assert costs.handling_cost(PROFILE, kind="warehouse", per_unit=None, units=4) == 2.0


def test_depletion_charges_only_the_units_taken_out_of_a_stores_last_ones() -> None:
    # A store with 5 units keeps its last 2: taking 3 is free of penalty, the 4th and 5th are not.
    taken = [costs.last_units_taken(PROFILE, kind="store", stock=5, units=units) for units in range(6)]
    assert taken == [0, 0, 0, 0, 1, 2]
    assert costs.depletion_cost(PROFILE, kind="store", stock=5, units=5) == 3.0
    assert costs.depletion_cost(PROFILE, kind="warehouse", stock=5, units=5) == 0.0


def test_unfilled_units_cost_the_lost_sale_penalty() -> None:
    assert costs.unfilled_cost(PROFILE, 3) == 90.0


def test_terms_add_up_and_keep_opportunity_apart_from_the_true_cost() -> None:
    terms = Terms(parcels=8.0, distance=1.0, handling=0.5) + Terms(split=2.0, opportunity=4.0)
    assert terms.cost == 11.5
    assert terms.priced == 15.5
    assert terms.as_dict() == {"parcels": 8.0, "distance": 1.0, "split": 2.0, "handling": 0.5, "opportunity": 4.0}


def test_network_distance_is_haversine_on_a_6371_km_earth() -> None:
    site = Network(LOCATIONS, BASE).sites["ST-CHI"]
    phi = math.radians(40.7506)
    km = km_to(site, phi, math.radians(-73.9971), math.cos(phi))
    assert km == pytest.approx(haversine_km(41.8837, -87.6289, 40.7506, -73.9971), abs=1e-9)
    assert km == pytest.approx(1144.18, abs=0.01)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"per_parcel": -1.0}, "cost.per_parcel"),
        ({"load_weight": float("nan")}, "cost.load_weight"),
        ({"max_parcels_per_order": 0}, "cost.max_parcels_per_order"),
        ({"per_unit_by_kind": {"store": -0.1}}, "cost.per_unit_by_kind.store"),
    ],
)
def test_a_cost_model_refuses_negative_or_meaningless_weights(change: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {"per_parcel": 1.0, "per_km": 0.0, "per_unit": 0.0, "unfilled_per_unit": 1.0}
    with pytest.raises(InvalidInput) as raised:
        CostModel(**(arguments | change))  # type: ignore[arg-type]
    assert raised.value.field == field
