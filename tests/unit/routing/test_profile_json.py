"""A profile spec read from JSON: strict (unknown fields, wrong types, negative weights refused with the
field), and written back in full so that reading it again gives the same spec."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.profile import (
    EscalationStep,
    LocationFilters,
    OfferSettings,
    ProfileSpec,
    Selector,
    Strategy,
)

WEB_EXPRESS: dict[str, Any] = {
    "selector": {"channels": ["web"], "delivery_methods": ["ship"], "min_order_value": "50.00"},
    "filters": {"location_types": ["store"], "required_capabilities": ["ship_from_store"], "before_cutoff": "15:00"},
    "cost": {"per_parcel": 8, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000, "split_penalty": 2.5},
    "strategy": "offer",
    "offers": {"store_count": 2, "escalation": ["warehouses", "backorder"]},
}


def refused(data: dict[str, Any]) -> tuple[str | None, str]:
    with pytest.raises(InvalidInput) as error:
        ProfileSpec.from_json(data)
    return error.value.field, error.value.message


def changed(path: str, value: object) -> dict[str, Any]:
    """WEB_EXPRESS with one field set (a dotted path)."""
    data = copy.deepcopy(WEB_EXPRESS)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value
    return data


def test_a_spec_is_read_with_defaults_for_what_it_leaves_out() -> None:
    spec = ProfileSpec.from_json(WEB_EXPRESS)

    assert spec == ProfileSpec(
        selector=Selector(channels=("web",), delivery_methods=("ship",), min_order_value=Decimal("50.00")),
        filters=LocationFilters(
            location_types=("store",), required_capabilities=("ship_from_store",), before_cutoff="15:00"
        ),
        cost=CostModel(per_parcel=8.0, per_km=0.002, per_unit=0.4, unfilled_per_unit=1000.0, split_penalty=2.5),
        strategy=Strategy.OFFER,
        offers=OfferSettings(
            store_count=2,
            claim_timeout_seconds=900,
            escalation=(EscalationStep.WAREHOUSES, EscalationStep.BACKORDER),
        ),
    )


def test_only_the_cost_is_required() -> None:
    spec = ProfileSpec.from_json({"cost": WEB_EXPRESS["cost"]})

    assert (spec.selector, spec.filters, spec.strategy, spec.offers) == (
        Selector(),
        LocationFilters(),
        Strategy.ASSIGN,
        OfferSettings(),
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (changed("cost.per_parcl", 8), "cost.per_parcl"),
        (changed("selector.region", "north"), "selector.region"),
        (changed("filters.max_km", 50), "filters.max_km"),
        (changed("offers.stores", 3), "offers.stores"),
        (changed("priority", 1), "priority"),
    ],
)
def test_an_unknown_field_is_refused_by_its_path(data: dict[str, Any], field: str) -> None:
    assert refused(data)[0] == field


@pytest.mark.parametrize(
    "path", ["cost.per_parcel", "cost.per_km", "cost.per_unit", "cost.unfilled_per_unit", "cost.load_weight"]
)
def test_a_negative_weight_is_refused(path: str) -> None:
    assert refused(changed(path, -0.5)) == (path, "must be a finite number ≥ 0")


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("cost.per_km", "0.002", "cost.per_km"),
        ("cost.per_km", True, "cost.per_km"),
        ("cost.per_unit_by_kind", {"store": -1}, "cost.per_unit_by_kind.store"),
        ("cost.per_unit_by_kind", {"kiosk": 0.5}, "cost.per_unit_by_kind.kiosk"),
        ("cost.max_parcels_per_order", 0, "cost.max_parcels_per_order"),
        ("cost.depletion_threshold", 1.5, "cost.depletion_threshold"),
        ("cost", [], "cost"),
        ("selector.channels", "web", "selector.channels"),
        ("selector.channels", ["web", 7], "selector.channels[1]"),
        ("selector.delivery_methods", ["drone"], "selector.delivery_methods[0]"),
        ("selector.min_order_value", "lots", "selector.min_order_value"),
        ("selector.max_order_value", "20.00", "selector.max_order_value"),
        ("filters.location_types", ["kiosk"], "filters.location_types[0]"),
        ("filters.required_capabilities", ["teleport"], "filters.required_capabilities[0]"),
        ("filters.max_distance_km", 0, "filters.max_distance_km"),
        ("filters.open_now", "yes", "filters.open_now"),
        ("filters.before_cutoff", "3pm", "filters.before_cutoff"),
        ("filters.before_cutoff", "24:00", "filters.before_cutoff"),
        ("filters.min_capacity_left", -1, "filters.min_capacity_left"),
        ("filters.min_reliability", 1.5, "filters.min_reliability"),
        ("strategy", "auction", "strategy"),
        ("offers.store_count", 0, "offers.store_count"),
        ("offers.claim_timeout_seconds", 0, "offers.claim_timeout_seconds"),
        ("offers.escalation", ["backorder", "warehouses"], "offers.escalation"),
        ("offers.escalation", ["warehouses", "warehouses"], "offers.escalation"),
        ("offers.escalation", ["pray"], "offers.escalation[0]"),
    ],
)
def test_a_wrong_value_is_refused_by_its_path(path: str, value: object, field: str) -> None:
    assert refused(changed(path, value))[0] == field


def test_a_spec_without_a_cost_is_refused() -> None:
    assert refused({"strategy": "assign"})[0] == "cost"


WEIGHTS = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
NAMES = st.lists(st.sampled_from(["web", "store", "marketplace", "call_centre"]), unique=True, max_size=3).map(tuple)
AMOUNTS = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def specs(draw: st.DrawFn) -> ProfileSpec:
    low = draw(st.none() | AMOUNTS)
    high = draw(st.none() | AMOUNTS.filter(lambda amount: amount > (low or 0)))
    selector = Selector(
        draw(NAMES),
        draw(st.lists(st.sampled_from(["ship", "pickup", "carry_out"]), unique=True).map(tuple)),
        draw(st.lists(st.sampled_from(["standard", "gold", "staff"]), unique=True).map(tuple)),
        low,
        high,
    )
    filters = LocationFilters(
        location_types=draw(st.lists(st.sampled_from(["warehouse", "store", "dropship"]), unique=True).map(tuple)),
        required_capabilities=draw(st.lists(st.sampled_from(["ship", "pickup"]), unique=True).map(tuple)),
        max_distance_km=draw(st.none() | st.floats(min_value=0.1, max_value=20_000)),
        open_now=draw(st.booleans()),
        before_cutoff=draw(st.none() | st.times().map(lambda t: t.strftime("%H:%M"))),
        min_capacity_left=draw(st.none() | st.integers(0, 1000)),
        min_reliability=draw(st.none() | st.floats(0, 1)),
    )
    cost = CostModel(
        per_parcel=draw(WEIGHTS),
        per_km=draw(WEIGHTS),
        per_unit=draw(WEIGHTS),
        unfilled_per_unit=draw(WEIGHTS),
        per_unit_by_kind=draw(st.dictionaries(st.sampled_from(["warehouse", "store", "dropship"]), WEIGHTS)),
        split_penalty=draw(WEIGHTS),
        max_parcels_per_order=draw(st.none() | st.integers(1, 10)),
        unreliability_weight=draw(WEIGHTS),
        load_weight=draw(WEIGHTS),
        depletion_penalty=draw(WEIGHTS),
        depletion_threshold=draw(st.integers(0, 20)),
    )
    steps = draw(st.lists(st.sampled_from([EscalationStep.NEXT_STORES, EscalationStep.WAREHOUSES]), unique=True))
    backorder = [EscalationStep.BACKORDER] if draw(st.booleans()) else []
    offers = OfferSettings(draw(st.integers(1, 100)), draw(st.integers(1, 3600)), (*steps, *backorder))
    return ProfileSpec(selector, filters, cost, draw(st.sampled_from(Strategy)), offers)


@given(specs())
def test_a_spec_written_to_json_reads_back_the_same(spec: ProfileSpec) -> None:
    written = json.loads(json.dumps(spec.to_json()))

    assert ProfileSpec.from_json(written) == spec
