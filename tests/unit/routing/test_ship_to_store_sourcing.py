"""source_order, ship to store: what a pickup store lacks is routed as an order shipped to the store."""

from __future__ import annotations

from crossdock.domain.allocation import Allocation, LineDemand
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.live import PickupStore, source_order

PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT
STORE = frozenset({Capability.PICKUP, Capability.SHIP_FROM_STORE})
WH_NJ = Site(1, "WH-NJ", LocationType.WAREHOUSE, 40.7357, -74.1724, frozenset({Capability.SHIP}))
ST_MAN = Site(2, "ST-MAN", LocationType.STORE, 40.7580, -73.9855, STORE)
ST_BKN = Site(3, "ST-BKN", LocationType.STORE, 40.6840, -73.9772, STORE)
SITES = [WH_NJ, ST_MAN, ST_BKN]
BROOKLYN = {ST_BKN.id: PickupStore("ST-BKN", ST_BKN.latitude, ST_BKN.longitude)}
MODEL = CostModel(per_parcel=5.0, per_km=0.1, per_unit=0.5, unfilled_per_unit=500.0)
RUNNER = "RETRO-RUNNER-42"


def source(demand: LineDemand, available: dict[tuple[int, str], int], **extra):  # type: ignore[no-untyped-def]
    return source_order([demand], sites=SITES, available=available, destination=None, model=MODEL, **extra)


def test_the_store_gives_what_it_has_and_the_nearest_holder_ships_it_the_rest() -> None:
    demand = LineDemand(0, RUNNER, 3, PICKUP, location_id=ST_BKN.id)
    available = {(ST_BKN.id, RUNNER): 1, (ST_MAN.id, RUNNER): 5, (WH_NJ.id, RUNNER): 5}

    sourcing = source(demand, available, pickup_stores=BROOKLYN)

    assert sourcing.plan.allocations == (
        Allocation(0, ST_BKN.id, 1),
        Allocation(0, ST_MAN.id, 2, destination_id=ST_BKN.id),  # Manhattan is 8 km away, Newark 17
    )
    assert sourcing.plan.unallocated == {}
    [transfer] = sourcing.transfers
    assert (transfer.store, transfer.inputs.destination, transfer.inputs.lines[0].quantity) == (
        "ST-BKN",
        (40.6840, -73.9772),
        2,
    )


def test_what_nobody_can_ship_stays_unallocated() -> None:
    demand = LineDemand(0, RUNNER, 4, PICKUP, location_id=ST_BKN.id)

    sourcing = source(demand, {(WH_NJ.id, RUNNER): 1}, pickup_stores=BROOKLYN)

    assert sourcing.plan.allocations == (Allocation(0, WH_NJ.id, 1, destination_id=ST_BKN.id),)
    assert sourcing.plan.unallocated == {0: 3}


def test_a_location_ruled_out_towards_the_store_does_not_ship_to_it() -> None:
    demand = LineDemand(0, RUNNER, 1, PICKUP, location_id=ST_BKN.id)
    ruled_out = {ST_BKN.id: PickupStore("ST-BKN", ST_BKN.latitude, ST_BKN.longitude, {WH_NJ.id: "max_distance"})}

    sourcing = source(demand, {(WH_NJ.id, RUNNER): 5}, pickup_stores=ruled_out)

    assert (sourcing.plan.allocations, sourcing.plan.unallocated) == ((), {0: 1})
    assert sourcing.transfers[0].inputs.excluded == {"WH-NJ": "max_distance"}


def test_without_the_store_listed_or_for_carry_out_nothing_is_shipped_in() -> None:
    available = {(WH_NJ.id, RUNNER): 5}

    unlisted = source(LineDemand(0, RUNNER, 1, PICKUP, location_id=ST_BKN.id), available)
    carried = source(LineDemand(0, RUNNER, 1, CARRY_OUT, location_id=ST_BKN.id), available, pickup_stores=BROOKLYN)

    assert (unlisted.plan.allocations, unlisted.plan.unallocated, unlisted.transfers) == ((), {0: 1}, ())
    assert (carried.plan.allocations, carried.plan.unallocated, carried.transfers) == ((), {0: 1}, ())
