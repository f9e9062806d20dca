"""adjust_stock: receipts, write-offs and corrections, all or none."""

from __future__ import annotations

import pytest

from crossdock.db.models import StockPosition
from crossdock.domain.errors import InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.adjust_stock import AdjustedPosition, Adjustment, adjust_stock
from crossdock.services.orders.queries import get_order


def test_a_receipt_and_a_write_off_change_on_hand_by_their_deltas(stock, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    stock("ST-MAN", "WOOL-BEANIE", 4)

    adjusted = adjust_stock(
        [
            Adjustment("WH-NJ", "RETRO-RUNNER-42", 24, "PO-7781 received"),
            Adjustment("ST-MAN", "WOOL-BEANIE", -1, "damaged on the shop floor"),
        ],
        actor="wms",
    )

    assert adjusted == [AdjustedPosition("WH-NJ", "RETRO-RUNNER-42", 34), AdjustedPosition("ST-MAN", "WOOL-BEANIE", 3)]
    assert position("WH-NJ", "RETRO-RUNNER-42").on_hand == 34
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 3


def test_a_receipt_of_a_sku_never_stocked_there_creates_the_position(network, products, position) -> None:
    adjusted = adjust_stock([Adjustment("ST-BKN", "TRAIL-JACKET-M", 6, "transfer TR-12 received")], actor="pos")

    assert adjusted == [AdjustedPosition("ST-BKN", "TRAIL-JACKET-M", 6)]
    jackets = position("ST-BKN", "TRAIL-JACKET-M")
    assert (jackets.on_hand, jackets.reserved, jackets.safety_stock) == (6, 0, 0)


def test_two_adjustments_of_one_position_add_up(stock, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)

    adjust_stock(
        [
            Adjustment("WH-NJ", "RETRO-RUNNER-42", 5, "PO-7781 received"),
            Adjustment("WH-NJ", "RETRO-RUNNER-42", -12, "cycle count correction"),
        ],
        actor="wms",
    )

    assert position("WH-NJ", "RETRO-RUNNER-42").on_hand == 3


def test_an_adjustment_keeps_reservations(stock, place, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    place(RequestedLine("RETRO-RUNNER-42", 4, DeliveryMethod.SHIP))

    adjust_stock([Adjustment("WH-NJ", "RETRO-RUNNER-42", 3, "PO-7781 received")], actor="wms")

    runners = position("WH-NJ", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (13, 4)


def test_one_adjustment_below_zero_refuses_them_all(stock, network, products, db_state) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    stock("ST-MAN", "WOOL-BEANIE", 1)
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        adjust_stock(
            [
                Adjustment("WH-NJ", "RETRO-RUNNER-42", 5, "PO-7781 received"),
                Adjustment("ST-BKN", "TRAIL-JACKET-M", 2, "transfer TR-12 received"),
                Adjustment("ST-MAN", "WOOL-BEANIE", -2, "stolen"),
            ],
            actor="wms",
        )

    assert raised.value.field == "adjustments[2].delta"
    assert raised.value.message == "on-hand of WOOL-BEANIE at ST-MAN would fall below zero"
    assert db_state() == before
    assert StockPosition.objects.filter(location__code="ST-BKN").exists() is False


def test_an_unknown_location_refuses_them_all(stock, db_state) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    before = db_state()

    with pytest.raises(UnknownLocation) as raised:
        adjust_stock(
            [
                Adjustment("WH-NJ", "RETRO-RUNNER-42", 5, "PO-7781 received"),
                Adjustment("WH-ATLANTIS", "RETRO-RUNNER-42", 5, "PO-7782 received"),
            ],
            actor="wms",
        )

    assert raised.value.field == "adjustments[1].location"
    assert db_state() == before


def test_an_unknown_sku_refuses_them_all(stock, db_state) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    before = db_state()

    with pytest.raises(UnknownSku) as raised:
        adjust_stock(
            [
                Adjustment("WH-NJ", "RETRO-RUNNER-42", 5, "PO-7781 received"),
                Adjustment("WH-NJ", "MOON-BOOT-99", 5, "PO-7781 received"),
            ],
            actor="wms",
        )

    assert raised.value.field == "adjustments[1].sku"
    assert db_state() == before


@pytest.mark.parametrize(
    ("adjustment", "field"),
    [
        (Adjustment("WH-NJ", "RETRO-RUNNER-42", 0, "nothing"), "adjustments[0].delta"),
        (Adjustment("WH-NJ", "RETRO-RUNNER-42", 3, "  "), "adjustments[0].reason"),
    ],
)
def test_a_zero_delta_or_a_blank_reason_is_refused(stock, db_state, adjustment: Adjustment, field: str) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        adjust_stock([adjustment], actor="wms")

    assert raised.value.field == field
    assert db_state() == before


def test_no_adjustments_is_refused(db) -> None:
    with pytest.raises(InvalidInput) as raised:
        adjust_stock([], actor="wms")

    assert raised.value.field == "adjustments"


def test_a_write_off_below_reservations_releases_the_youngest_and_unallocates_its_line(stock, place, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    older = place(RequestedLine("RETRO-RUNNER-42", 2, DeliveryMethod.SHIP))
    younger = place(RequestedLine("RETRO-RUNNER-42", 3, DeliveryMethod.SHIP))

    adjust_stock([Adjustment("WH-NJ", "RETRO-RUNNER-42", -1, "water damage")], actor="wms")

    runners = position("WH-NJ", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (4, 4)
    assert [(line.status, line.unallocated_quantity) for line in get_order(younger).lines] == [("unallocated", 1)]
    assert [(line.status, line.unallocated_quantity) for line in get_order(older).lines] == [("allocated", 0)]
    assert get_order(younger).timeline[-1].type == "StockShortage"


def test_an_adjustment_moves_the_positions_updated_at(stock, position) -> None:
    before = stock("WH-NJ", "RETRO-RUNNER-42", 10).updated_at

    adjust_stock([Adjustment("WH-NJ", "RETRO-RUNNER-42", 1, "found one")], actor="wms")

    assert position("WH-NJ", "RETRO-RUNNER-42").updated_at > before
