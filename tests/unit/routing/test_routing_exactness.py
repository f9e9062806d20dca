"""`online` decisions are exact: the engine's optimum equals an independent HiGHS MILP's, to 1e-6."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from routing_milp import optimum

from crossdock.domain.routing import CostModel, Inventory, Line, Location, Network, Order, ShadowPrices, route_order

PLACES = [(40.74, -74.17), (40.76, -73.99), (41.88, -87.63), (34.05, -118.24), (29.76, -95.37), (47.61, -122.33)]
SKUS = ["RETRO-RUNNER-42", "TRAIL-JACKET-M", "WOOL-BEANIE", "RAIN-SHELL-L"]


@dataclass(frozen=True)
class Case:
    locations: dict[str, Location]
    stock: dict[tuple[str, str], int]
    parcels_left: dict[str, int]
    order: Order
    model: CostModel
    prices: ShadowPrices


@st.composite
def cases(draw: st.DrawFn) -> Case:
    count = draw(st.integers(1, 6))
    locations = {
        f"L{i}": Location(
            f"L{i}",
            *PLACES[i],
            kind=draw(st.sampled_from(["store", "warehouse"])),
            per_unit=draw(st.one_of(st.none(), st.floats(0, 3))),
            reliability=draw(st.floats(0, 1)),
            load=draw(st.floats(0, 1)),
        )
        for i in range(count)
    }
    skus = SKUS[: draw(st.integers(1, 4))]
    stock = {(key, sku): draw(st.integers(0, 5)) for key in locations for sku in skus}
    lines = draw(st.lists(st.tuples(st.sampled_from(skus), st.integers(1, 4)), min_size=1, max_size=4))
    destination = draw(st.sampled_from(PLACES))
    order = Order("O", *destination, tuple(Line(sku, quantity) for sku, quantity in lines))
    return Case(
        locations=locations,
        stock=stock,
        parcels_left={key: 0 for key in locations if draw(st.booleans()) and draw(st.booleans())},
        order=order,
        model=draw(models()),
        prices=draw(prices(list(locations), skus)),
    )


@st.composite
def models(draw: st.DrawFn) -> CostModel:
    weight = st.sampled_from([0.0, 0.5, 2.0, 8.759])
    return CostModel(
        per_parcel=draw(weight),
        per_km=draw(st.sampled_from([0.0, 0.000336, 0.01])),
        per_unit=draw(st.floats(0, 2)),
        unfilled_per_unit=draw(st.sampled_from([1.0, 5.0, 30.0])),
        per_unit_by_kind=draw(st.sampled_from([{}, {"store": 0.9}])),
        split_penalty=draw(weight),
        max_parcels_per_order=draw(st.sampled_from([None, None, 1, 2])),
        unreliability_weight=draw(weight),
        load_weight=draw(weight),
        depletion_penalty=draw(st.sampled_from([0.0, 1.5, 10.0])),
        depletion_threshold=draw(st.integers(0, 3)),
    )


@st.composite
def prices(draw: st.DrawFn, locations: list[str], skus: list[str]) -> ShadowPrices:
    if not draw(st.booleans()):
        return ShadowPrices()
    unit = {(key, sku): draw(st.floats(0, 10)) for key in locations for sku in skus if draw(st.booleans())}
    return ShadowPrices(unit, {key: draw(st.floats(0, 5)) for key in locations if draw(st.booleans())})


@settings(max_examples=300, deadline=None)
@given(cases())
def test_online_decisions_match_an_independent_milp(case: Case) -> None:
    inventory = Inventory(case.stock, case.parcels_left)
    network = Network(case.locations, case.model)

    decision = route_order(case.order, network=network, inventory=inventory, prices=case.prices)

    expected = optimum(
        [case.order],
        locations=case.locations,
        stock=case.stock,
        model=case.model,
        prices=case.prices,
        parcels_left=case.parcels_left,
    )
    assert abs(decision.terms.priced - expected) <= 1e-6 * max(1.0, abs(expected))


@settings(max_examples=150, deadline=None)
@given(cases())
def test_decisions_are_feasible_and_account_for_every_unit(case: Case) -> None:
    inventory = Inventory(case.stock, case.parcels_left)

    decision = route_order(case.order, network=Network(case.locations, case.model), inventory=inventory)

    for sku, demand in case.order.demand().items():
        shipped = sum(a.quantity for a in decision.allocations if a.sku == sku)
        unfilled = sum(s.quantity for s in decision.unfilled if s.sku == sku)
        assert shipped + unfilled == demand
    for allocation in decision.allocations:
        assert 0 < allocation.quantity <= case.stock[(allocation.location, allocation.sku)]
        assert case.parcels_left.get(allocation.location, 1) > 0
    limit = case.model.max_parcels_per_order
    assert limit is None or decision.parcels <= limit
    inventory.take(decision.allocations)
