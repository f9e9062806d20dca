"""Properties of allocate for any network, stock and order."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from crossdock.domain.allocation import AllocationPlan, LineDemand, allocate
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.orders import DeliveryMethod

SKUS = ["RETRO-RUNNER-42", "TRAIL-JACKET-M", "WOOL-BEANIE"]


@st.composite
def networks(draw: st.DrawFn) -> list[Site]:
    count = draw(st.integers(min_value=1, max_value=6))
    return [
        Site(
            id=site_id,
            code=f"LOC-{site_id}",
            type=draw(st.sampled_from(list(LocationType))),
            latitude=draw(st.floats(min_value=-60, max_value=60)),
            longitude=draw(st.floats(min_value=-170, max_value=170)),
            capabilities=frozenset(draw(st.sets(st.sampled_from(list(Capability))))),
        )
        for site_id in range(1, count + 1)
    ]


@st.composite
def scenarios(
    draw: st.DrawFn,
) -> tuple[list[Site], dict[tuple[int, str], int], list[LineDemand], tuple[float, float] | None]:
    sites = draw(networks())
    ids = [site.id for site in sites]
    available = draw(
        st.dictionaries(st.tuples(st.sampled_from(ids), st.sampled_from(SKUS)), st.integers(min_value=0, max_value=8))
    )
    demands = []
    for key in range(draw(st.integers(min_value=0, max_value=6))):
        method = draw(st.sampled_from(list(DeliveryMethod)))
        location = None if method == DeliveryMethod.SHIP else draw(st.sampled_from(ids))
        demands.append(LineDemand(key, draw(st.sampled_from(SKUS)), draw(st.integers(1, 10)), method, location))
    destination = draw(st.none() | st.tuples(st.floats(-60, 60), st.floats(-170, 170)))
    return sites, available, demands, destination


def _plan(
    scenario: tuple[list[Site], dict[tuple[int, str], int], list[LineDemand], tuple[float, float] | None],
) -> AllocationPlan:
    sites, available, demands, destination = scenario
    return allocate(demands, sites=sites, available=available, destination=destination)


@given(scenarios())
def test_never_allocates_more_than_is_available_at_a_location(scenario) -> None:  # type: ignore[no-untyped-def]
    _, available, demands, _ = scenario
    sku_of = {demand.key: demand.sku for demand in demands}

    taken: dict[tuple[int, str], int] = defaultdict(int)
    for allocation in _plan(scenario).allocations:
        taken[(allocation.location_id, sku_of[allocation.line_key])] += allocation.quantity

    assert all(quantity <= available.get(key, 0) for key, quantity in taken.items())


@given(scenarios())
def test_allocated_plus_unallocated_is_what_each_line_asked_for(scenario) -> None:  # type: ignore[no-untyped-def]
    _, _, demands, _ = scenario
    plan = _plan(scenario)

    allocated: dict[int, int] = defaultdict(int)
    for allocation in plan.allocations:
        allocated[allocation.line_key] += allocation.quantity

    assert {d.key: allocated[d.key] + plan.unallocated.get(d.key, 0) for d in demands} == {
        d.key: d.quantity for d in demands
    }
    assert all(allocation.quantity > 0 for allocation in plan.allocations)
    assert all(quantity > 0 for quantity in plan.unallocated.values())


@given(scenarios())
def test_store_lines_stay_at_their_store_and_shipped_lines_leave_from_shipping_sites(scenario) -> None:  # type: ignore[no-untyped-def]
    sites, _, demands, _ = scenario
    by_key = {demand.key: demand for demand in demands}
    shippers = {site.id for site in sites if site.can_ship()}

    for allocation in _plan(scenario).allocations:
        demand = by_key[allocation.line_key]
        if demand.delivery_method == DeliveryMethod.SHIP:
            assert allocation.location_id in shippers
        else:
            assert allocation.location_id == demand.location_id
