"""StockLevel: the arithmetic of one position (sku × location)."""

from __future__ import annotations

import pytest

from crossdock.domain.errors import InsufficientStock, InvalidInput
from crossdock.domain.stock import StockLevel


def test_available_is_on_hand_less_reserved_less_safety_stock() -> None:
    level = StockLevel(on_hand=12, reserved=3, safety_stock=2)

    assert level.available == 7


def test_available_never_goes_below_zero() -> None:
    level = StockLevel(on_hand=4, reserved=3, safety_stock=2)

    assert level.available == 0


def test_reserve_takes_units_from_available() -> None:
    level = StockLevel(on_hand=10, reserved=1, safety_stock=2)

    reserved = level.reserve(7)

    assert reserved == StockLevel(on_hand=10, reserved=8, safety_stock=2)
    assert reserved.available == 0


def test_reserve_more_than_available_raises_and_leaves_the_level_alone() -> None:
    level = StockLevel(on_hand=10, reserved=1, safety_stock=2)

    with pytest.raises(InsufficientStock, match="8 requested, 7 available"):
        level.reserve(8)

    assert level == StockLevel(on_hand=10, reserved=1, safety_stock=2)


@pytest.mark.parametrize("quantity", [0, -1])
def test_reserve_refuses_a_quantity_that_is_not_positive(quantity: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        StockLevel(on_hand=10).reserve(quantity)

    assert raised.value.field == "quantity"


def test_release_gives_reserved_units_back() -> None:
    level = StockLevel(on_hand=10, reserved=4, safety_stock=1)

    assert level.release(3) == StockLevel(on_hand=10, reserved=1, safety_stock=1)


def test_release_more_than_reserved_raises() -> None:
    with pytest.raises(InvalidInput, match="cannot release 5, only 4 reserved"):
        StockLevel(on_hand=10, reserved=4).release(5)


@pytest.mark.parametrize("quantity", [0, -3])
def test_release_refuses_a_quantity_that_is_not_positive(quantity: int) -> None:
    with pytest.raises(InvalidInput):
        StockLevel(on_hand=10, reserved=4).release(quantity)


def test_consume_takes_reserved_units_out_of_on_hand() -> None:
    level = StockLevel(on_hand=10, reserved=4, safety_stock=1)

    consumed = level.consume(3)

    assert consumed == StockLevel(on_hand=7, reserved=1, safety_stock=1)
    assert consumed.available == level.available


def test_consume_more_than_reserved_raises() -> None:
    with pytest.raises(InvalidInput):
        StockLevel(on_hand=10, reserved=2).consume(3)


def test_count_replaces_on_hand_and_keeps_reservations() -> None:
    level = StockLevel(on_hand=10, reserved=4, safety_stock=1)

    assert level.count(25) == StockLevel(on_hand=25, reserved=4, safety_stock=1)


def test_count_below_zero_raises() -> None:
    with pytest.raises(InvalidInput) as raised:
        StockLevel(on_hand=10).count(-1)

    assert raised.value.field == "on_hand"


def test_shortage_is_zero_while_reservations_are_covered() -> None:
    assert StockLevel(on_hand=10, reserved=8, safety_stock=2).shortage == 0


def test_shortage_counts_reserved_units_a_low_count_no_longer_covers() -> None:
    level = StockLevel(on_hand=10, reserved=8, safety_stock=2).count(7)

    assert level.shortage == 3


def test_shortage_is_every_reserved_unit_when_the_count_falls_below_safety_stock() -> None:
    level = StockLevel(on_hand=10, reserved=5, safety_stock=3).count(1)

    assert level.shortage == 5
    assert level.available == 0
