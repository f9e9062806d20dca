"""What a location may do: ship, hand over."""

from __future__ import annotations

import pytest

from crossdock.domain.locations import Capability, LocationType, Site


@pytest.mark.parametrize(
    ("kind", "capabilities", "ships"),
    [
        (LocationType.WAREHOUSE, {Capability.SHIP}, True),
        (LocationType.WAREHOUSE, set(), False),
        (LocationType.DROPSHIP, {Capability.SHIP}, True),
        (LocationType.STORE, {Capability.SHIP}, False),
        (LocationType.STORE, {Capability.SHIP_FROM_STORE}, True),
        (LocationType.WAREHOUSE, {Capability.SHIP_FROM_STORE}, False),
    ],
)
def test_stores_ship_only_with_ship_from_store_and_others_only_with_ship(
    kind: LocationType, capabilities: set[Capability], ships: bool
) -> None:
    assert Site(1, "LOC-1", kind, 0.0, 0.0, frozenset(capabilities)).can_ship() is ships


def test_only_a_location_with_pickup_hands_orders_over() -> None:
    assert Site(1, "ST-MAN", LocationType.STORE, 0.0, 0.0, frozenset({Capability.PICKUP})).can_hand_over() is True
    assert Site(2, "ST-CHI", LocationType.STORE, 0.0, 0.0, frozenset()).can_hand_over() is False
