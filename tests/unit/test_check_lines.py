"""check_lines: the placement rules that hold whatever the stock."""

from __future__ import annotations

import pytest

from crossdock.domain.errors import AddressRequired, DuplicateLine, InvalidInput
from crossdock.domain.orders import (
    Address,
    DeliveryMethod,
    LineStatus,
    OrderStatus,
    RequestedLine,
    check_lines,
    order_status_for,
)

HOME = Address(name="Ada Lovelace", line1="1 Main St", city="New York", postcode="10001", country="US")
SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT


def test_a_shipped_line_with_an_address_passes() -> None:
    check_lines([RequestedLine("RETRO-RUNNER-42", 2, SHIP)], HOME)


def test_pickup_and_carry_out_lines_need_no_address() -> None:
    check_lines(
        [RequestedLine("RETRO-RUNNER-42", 1, PICKUP, "ST-MAN"), RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "ST-MAN")],
        None,
    )


def test_an_order_without_lines_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        check_lines([], HOME)

    assert raised.value.field == "lines"


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_quantity_that_is_not_positive_is_refused_at_its_line(quantity: int) -> None:
    lines = [RequestedLine("WOOL-BEANIE", 1, SHIP), RequestedLine("RETRO-RUNNER-42", quantity, SHIP)]

    with pytest.raises(InvalidInput) as raised:
        check_lines(lines, HOME)

    assert raised.value.field == "lines[1].quantity"


def test_a_shipped_line_without_an_address_is_refused() -> None:
    with pytest.raises(AddressRequired) as raised:
        check_lines([RequestedLine("RETRO-RUNNER-42", 1, SHIP)], None)

    assert raised.value.field == "shipping_address"
    assert raised.value.code == "address_required"


def test_a_shipped_line_naming_a_store_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        check_lines([RequestedLine("RETRO-RUNNER-42", 1, SHIP, "ST-MAN")], HOME)

    assert raised.value.field == "lines[0].location"


@pytest.mark.parametrize("method", [PICKUP, CARRY_OUT])
def test_a_store_line_without_a_location_is_refused(method: DeliveryMethod) -> None:
    with pytest.raises(InvalidInput, match=f"a {method} line needs the store's location code") as raised:
        check_lines([RequestedLine("RETRO-RUNNER-42", 1, method)], HOME)

    assert raised.value.field == "lines[0].location"


def test_the_same_sku_twice_with_the_same_delivery_is_a_duplicate_line() -> None:
    lines = [
        RequestedLine("RETRO-RUNNER-42", 1, SHIP),
        RequestedLine("WOOL-BEANIE", 1, SHIP),
        RequestedLine("RETRO-RUNNER-42", 3, SHIP),
    ]

    with pytest.raises(DuplicateLine) as raised:
        check_lines(lines, HOME)

    assert raised.value.field == "lines[2].sku"
    assert raised.value.code == "duplicate_line"


def test_the_same_sku_picked_up_twice_at_one_store_is_a_duplicate_line() -> None:
    lines = [RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-BKN"), RequestedLine("WOOL-BEANIE", 2, PICKUP, "ST-BKN")]

    with pytest.raises(DuplicateLine):
        check_lines(lines, None)


def test_the_same_sku_shipped_and_picked_up_is_two_lines() -> None:
    check_lines(
        [
            RequestedLine("WOOL-BEANIE", 1, SHIP),
            RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-BKN"),
            RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-MAN"),
        ],
        HOME,
    )


def test_order_with_every_line_cancelled_is_cancelled() -> None:
    statuses = [LineStatus.CANCELLED, LineStatus.CANCELLED]

    assert order_status_for(statuses, OrderStatus.PLACED) == OrderStatus.CANCELLED


def test_order_with_every_live_line_fulfilled_is_completed() -> None:
    statuses = [LineStatus.FULFILLED, LineStatus.CANCELLED]

    assert order_status_for(statuses, OrderStatus.PLACED) == OrderStatus.COMPLETED


def test_order_with_an_open_line_keeps_its_status() -> None:
    statuses = [LineStatus.FULFILLED, LineStatus.UNALLOCATED]

    assert order_status_for(statuses, OrderStatus.IN_FULFILMENT) == OrderStatus.IN_FULFILMENT
