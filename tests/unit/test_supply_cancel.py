"""Cancelling supply units, what the supply's status becomes, and which promises cancelled units take away."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crossdock.domain.errors import IllegalTransition, InvalidInput, ReceiptExceedsOpen
from crossdock.domain.supply import (
    SupplyLineLevel,
    SupplyStatus,
    check_cancellable,
    lost_promises,
    status_after_cancel,
)
from crossdock.domain.waiting import launch_promise, releasable


def test_cancelled_units_are_no_longer_open() -> None:
    level = SupplyLineLevel(quantity=10, received=4)

    assert level.cancel(2, field="quantity") == SupplyLineLevel(10, 4, 2)
    assert level.cancel(None, field="quantity").open == 0


@pytest.mark.parametrize("quantity", [0, -1, 7])
def test_cancelling_nothing_or_more_than_is_open_is_refused(quantity: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        SupplyLineLevel(quantity=10, received=4).cancel(quantity, field="lines[0].quantity")

    assert refused.value.field == "lines[0].quantity"


def test_a_receipt_cannot_take_cancelled_units() -> None:
    level = SupplyLineLevel(quantity=10, received=4, cancelled=5)

    assert level.receive(1, field="quantity") == SupplyLineLevel(10, 5, 5)
    with pytest.raises(ReceiptExceedsOpen):
        level.receive(2, field="quantity")


@pytest.mark.parametrize(
    ("levels", "current", "expected"),
    [
        ([SupplyLineLevel(5, 0, 5), SupplyLineLevel(3, 0, 3)], SupplyStatus.OPEN, SupplyStatus.CANCELLED),
        ([SupplyLineLevel(5, 2, 3), SupplyLineLevel(3, 0, 3)], SupplyStatus.PARTIALLY_RECEIVED, SupplyStatus.RECEIVED),
        ([SupplyLineLevel(5, 0, 2), SupplyLineLevel(3, 0, 3)], SupplyStatus.OPEN, SupplyStatus.OPEN),
    ],
)
def test_a_supply_with_nothing_open_left_is_received_if_anything_came_else_cancelled(
    levels: list[SupplyLineLevel], current: SupplyStatus, expected: SupplyStatus
) -> None:
    assert status_after_cancel(levels, current) == expected


@pytest.mark.parametrize(
    ("status", "dispatched"),
    [
        (SupplyStatus.IN_TRANSIT, True),
        (SupplyStatus.PARTIALLY_RECEIVED, True),
        (SupplyStatus.RECEIVED, False),
        (SupplyStatus.CANCELLED, False),
    ],
)
def test_units_on_their_way_or_a_closed_supply_cannot_be_cancelled(status: SupplyStatus, dispatched: bool) -> None:
    with pytest.raises(IllegalTransition):
        check_cancellable(status, dispatched=dispatched, field="supply_id")


def test_an_open_or_partly_received_supply_never_dispatched_can_be_cancelled() -> None:
    check_cancellable(SupplyStatus.OPEN, dispatched=False, field="supply_id")
    check_cancellable(SupplyStatus.PARTIALLY_RECEIVED, dispatched=False, field="supply_id")


def test_the_rows_served_first_keep_their_promise() -> None:
    # rows 1, 2, 3 in serving order promised 3, 2 and 4 units of line 10, which has 4 open left; row 4 is on
    # line 20, cancelled entirely
    promised = [(1, 10, 3), (2, 10, 2), (3, 10, 4), (4, 20, 5)]

    assert lost_promises(promised, {10: 4}) == {2: 1, 3: 4, 4: 5}


def test_nothing_is_lost_while_the_line_still_covers_its_promises() -> None:
    assert lost_promises([(1, 10, 3), (2, 10, 2)], {10: 6}) == {}


def test_a_preorder_is_promised_no_earlier_than_its_launch() -> None:
    launch = datetime(2031, 10, 1, 8, 0, tzinfo=UTC)

    assert launch_promise(date(2031, 9, 1), launch) == date(2031, 10, 1)
    assert launch_promise(date(2031, 11, 1), launch) == date(2031, 11, 1)
    assert launch_promise(None, launch) is None
    assert launch_promise(date(2031, 9, 1), None) == date(2031, 9, 1)


def test_nothing_is_released_before_the_launch() -> None:
    launch = datetime(2031, 10, 1, 8, 0, tzinfo=UTC)

    assert not releasable(launch, datetime(2031, 10, 1, 7, 59, tzinfo=UTC))
    assert releasable(launch, launch)
    assert releasable(None, datetime(2000, 1, 1, tzinfo=UTC))
