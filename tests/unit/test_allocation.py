"""allocate: the core's simple policy for where each unit of an order comes from."""

from __future__ import annotations

from crossdock.domain.allocation import Allocation, AllocationPlan, LineDemand, allocate
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.orders import DeliveryMethod

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT

SHIPPING_STORE = frozenset({Capability.PICKUP, Capability.SHIP_FROM_STORE})
WH_NJ = Site(1, "WH-NJ", LocationType.WAREHOUSE, 40.7357, -74.1724, frozenset({Capability.SHIP}))
ST_MAN = Site(2, "ST-MAN", LocationType.STORE, 40.7580, -73.9855, SHIPPING_STORE)
ST_BKN = Site(3, "ST-BKN", LocationType.STORE, 40.6840, -73.9772, SHIPPING_STORE)
ST_CHI = Site(4, "ST-CHI", LocationType.STORE, 41.8837, -87.6289, frozenset({Capability.PICKUP}))
WH_RETURNS = Site(5, "WH-RETURNS", LocationType.WAREHOUSE, 40.7500, -73.9900, frozenset())
SITES = [WH_NJ, ST_MAN, ST_BKN, ST_CHI, WH_RETURNS]
# Penn Station: Manhattan 1.3 km, Brooklyn 7.6 km, Newark 14.9 km, Chicago 1,144 km.
PENN_STATION = (40.7506, -73.9971)

RUNNER = "RETRO-RUNNER-42"
JACKET = "TRAIL-JACKET-M"
BEANIE = "WOOL-BEANIE"


def test_a_pickup_line_is_served_by_its_store_even_when_a_warehouse_has_more() -> None:
    demands = [LineDemand(0, RUNNER, 2, PICKUP, location_id=ST_BKN.id)]

    plan = allocate(demands, sites=SITES, available={(WH_NJ.id, RUNNER): 10, (ST_BKN.id, RUNNER): 2}, destination=None)

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_BKN.id, 2),), unallocated={})


def test_a_pickup_line_the_store_cannot_cover_is_left_unallocated_not_shipped_in() -> None:
    demands = [LineDemand(0, RUNNER, 3, PICKUP, location_id=ST_BKN.id)]

    plan = allocate(demands, sites=SITES, available={(WH_NJ.id, RUNNER): 10, (ST_BKN.id, RUNNER): 1}, destination=None)

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_BKN.id, 1),), unallocated={0: 2})


def test_a_carry_out_line_is_served_by_its_store() -> None:
    demands = [LineDemand(0, BEANIE, 1, CARRY_OUT, location_id=ST_CHI.id)]

    plan = allocate(demands, sites=SITES, available={(ST_CHI.id, BEANIE): 1}, destination=None)

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_CHI.id, 1),), unallocated={})


def test_a_shipped_order_goes_to_the_nearest_location_that_has_every_line() -> None:
    demands = [LineDemand(0, RUNNER, 2, SHIP), LineDemand(1, BEANIE, 1, SHIP)]
    available = {
        (WH_NJ.id, RUNNER): 50,
        (WH_NJ.id, BEANIE): 50,
        (ST_BKN.id, RUNNER): 2,
        (ST_BKN.id, BEANIE): 1,
        (ST_MAN.id, RUNNER): 2,
        (ST_MAN.id, BEANIE): 1,
    }

    plan = allocate(demands, sites=SITES, available=available, destination=PENN_STATION)

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_MAN.id, 2), Allocation(1, ST_MAN.id, 1)))


def test_a_nearer_location_missing_one_line_loses_to_a_farther_one_that_has_them_all() -> None:
    demands = [LineDemand(0, RUNNER, 2, SHIP), LineDemand(1, BEANIE, 1, SHIP)]
    available = {(ST_MAN.id, RUNNER): 5, (ST_BKN.id, RUNNER): 2, (ST_BKN.id, BEANIE): 1}

    plan = allocate(demands, sites=SITES, available=available, destination=PENN_STATION)

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_BKN.id, 2), Allocation(1, ST_BKN.id, 1)))


def test_when_no_location_has_everything_the_fewest_locations_serve_it() -> None:
    demands = [LineDemand(0, RUNNER, 1, SHIP), LineDemand(1, JACKET, 1, SHIP), LineDemand(2, BEANIE, 1, SHIP)]
    available = {
        (ST_MAN.id, RUNNER): 1,
        (ST_BKN.id, JACKET): 1,
        (ST_BKN.id, BEANIE): 1,
        (WH_NJ.id, RUNNER): 1,
        (WH_NJ.id, JACKET): 1,
    }

    plan = allocate(demands, sites=SITES, available=available, destination=PENN_STATION)

    # Brooklyn and Newark both cover two units; Brooklyn is nearer. Manhattan then beats Newark for the runner.
    assert plan == AllocationPlan(
        allocations=(Allocation(1, ST_BKN.id, 1), Allocation(2, ST_BKN.id, 1), Allocation(0, ST_MAN.id, 1))
    )


def test_one_line_is_split_across_locations_and_what_is_left_stays_unallocated() -> None:
    demands = [LineDemand(0, RUNNER, 5, SHIP)]

    plan = allocate(
        demands, sites=SITES, available={(ST_MAN.id, RUNNER): 2, (WH_NJ.id, RUNNER): 1}, destination=PENN_STATION
    )

    assert plan == AllocationPlan(
        allocations=(Allocation(0, ST_MAN.id, 2), Allocation(0, WH_NJ.id, 1)), unallocated={0: 2}
    )


def test_stores_without_ship_from_store_and_warehouses_without_ship_never_ship() -> None:
    demands = [LineDemand(0, RUNNER, 1, SHIP)]

    plan = allocate(
        demands,
        sites=SITES,
        available={(ST_CHI.id, RUNNER): 10, (WH_RETURNS.id, RUNNER): 10},
        destination=PENN_STATION,
    )

    assert plan == AllocationPlan(allocations=(), unallocated={0: 1})


def test_a_site_outside_the_candidates_is_never_used_for_shipping() -> None:
    demands = [LineDemand(0, RUNNER, 1, SHIP)]

    plan = allocate(demands, sites=[WH_NJ], available={(ST_MAN.id, RUNNER): 10}, destination=PENN_STATION)

    assert plan == AllocationPlan(allocations=(), unallocated={0: 1})


def test_pickup_and_shipped_lines_share_one_locations_stock_and_pickup_comes_first() -> None:
    demands = [LineDemand(0, RUNNER, 2, SHIP), LineDemand(1, RUNNER, 2, PICKUP, location_id=ST_MAN.id)]

    plan = allocate(demands, sites=SITES, available={(ST_MAN.id, RUNNER): 3}, destination=PENN_STATION)

    assert plan == AllocationPlan(
        allocations=(Allocation(1, ST_MAN.id, 2), Allocation(0, ST_MAN.id, 1)), unallocated={0: 1}
    )


def test_a_shipped_line_looks_elsewhere_once_a_pickup_took_the_nearest_stock() -> None:
    demands = [LineDemand(0, RUNNER, 2, PICKUP, location_id=ST_MAN.id), LineDemand(1, RUNNER, 2, SHIP)]

    plan = allocate(
        demands, sites=SITES, available={(ST_MAN.id, RUNNER): 3, (WH_NJ.id, RUNNER): 2}, destination=PENN_STATION
    )

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_MAN.id, 2), Allocation(1, WH_NJ.id, 2)))


def test_without_a_destination_the_lowest_location_id_wins() -> None:
    demands = [LineDemand(0, BEANIE, 1, SHIP)]

    plan = allocate(
        demands,
        sites=[ST_BKN, ST_MAN, WH_NJ],
        available={(ST_BKN.id, BEANIE): 1, (ST_MAN.id, BEANIE): 1},
        destination=None,
    )

    assert plan == AllocationPlan(allocations=(Allocation(0, ST_MAN.id, 1),))


def test_allocate_does_not_change_the_availability_it_is_given() -> None:
    available = {(ST_MAN.id, RUNNER): 3}

    allocate([LineDemand(0, RUNNER, 2, SHIP)], sites=SITES, available=available, destination=PENN_STATION)

    assert available == {(ST_MAN.id, RUNNER): 3}


def test_no_demands_make_an_empty_plan() -> None:
    assert allocate([], sites=SITES, available={}, destination=None) == AllocationPlan()
