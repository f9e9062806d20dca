"""Properties of the stock math under any sequence of operations."""

from __future__ import annotations

import contextlib

from hypothesis import assume, given
from hypothesis import strategies as st

from crossdock.domain.errors import DomainError, InsufficientStock
from crossdock.domain.stock import StockLevel

operations = st.lists(
    st.tuples(st.sampled_from(["reserve", "release", "consume", "count"]), st.integers(min_value=-3, max_value=60)),
    max_size=60,
)


def _covered(level: StockLevel) -> bool:
    """reserved ≤ on_hand − safety_stock, read as 'no reservation' when on-hand is under the safety stock."""
    return level.reserved <= max(0, level.on_hand - level.safety_stock)


def _apply(level: StockLevel, operation: str, quantity: int) -> StockLevel:
    if operation == "count":
        counted = level.count(quantity)
        # What a snapshot does next: the youngest reservations give way until the rest are covered.
        return counted.release(counted.shortage) if counted.shortage else counted
    return getattr(level, operation)(quantity)  # type: ignore[no-any-return]


@given(
    on_hand=st.integers(min_value=0, max_value=50),
    safety_stock=st.integers(min_value=0, max_value=10),
    steps=operations,
)
def test_any_sequence_keeps_reservations_between_zero_and_what_on_hand_covers(
    on_hand: int, safety_stock: int, steps: list[tuple[str, int]]
) -> None:
    level = StockLevel(on_hand=on_hand, safety_stock=safety_stock)
    for operation, quantity in steps:
        with contextlib.suppress(DomainError):  # a refused step leaves the level as it was
            level = _apply(level, operation, quantity)
        assert level.reserved >= 0
        assert _covered(level)
        assert level.on_hand >= 0
        assert level.available == max(0, level.on_hand - level.reserved - level.safety_stock)


@given(
    on_hand=st.integers(min_value=0, max_value=50),
    reserved=st.integers(min_value=0, max_value=50),
    safety_stock=st.integers(min_value=0, max_value=10),
    quantity=st.integers(min_value=1, max_value=60),
)
def test_reserve_succeeds_exactly_when_available_covers_it(
    on_hand: int, reserved: int, safety_stock: int, quantity: int
) -> None:
    level = StockLevel(
        on_hand=on_hand, reserved=min(reserved, max(0, on_hand - safety_stock)), safety_stock=safety_stock
    )
    try:
        after = level.reserve(quantity)
    except InsufficientStock:
        assert quantity > level.available
    else:
        assert quantity <= level.available
        assert after.reserved == level.reserved + quantity
        assert after.available == level.available - quantity


@given(
    on_hand=st.integers(min_value=0, max_value=50),
    reserved=st.integers(min_value=1, max_value=50),
    quantity=st.integers(min_value=1, max_value=50),
)
def test_release_then_reserve_of_the_same_quantity_is_a_round_trip(on_hand: int, reserved: int, quantity: int) -> None:
    assume(quantity <= reserved)
    level = StockLevel(on_hand=on_hand + reserved, reserved=reserved)

    assert level.release(quantity).reserve(quantity) == level


@given(
    on_hand=st.integers(min_value=0, max_value=50),
    reserved=st.integers(min_value=0, max_value=50),
    safety_stock=st.integers(min_value=0, max_value=10),
    counted=st.integers(min_value=0, max_value=60),
)
def test_releasing_the_shortage_after_a_count_restores_cover_and_no_more(
    on_hand: int, reserved: int, safety_stock: int, counted: int
) -> None:
    level = StockLevel(on_hand=on_hand, reserved=reserved, safety_stock=safety_stock).count(counted)
    restored = level.release(level.shortage) if level.shortage else level

    assert _covered(restored)
    assert restored.reserved == min(reserved, max(0, counted - safety_stock))
