"""Supply: purchase orders and transfers, partial receipts, in-transit stock, availability on a future date."""

from __future__ import annotations

from datetime import date

import pytest

from crossdock.domain.errors import (
    DomainError,
    DuplicateLine,
    IllegalTransition,
    InsufficientStock,
    InvalidInput,
    ReceiptExceedsOpen,
    UnknownLocation,
    UnknownSku,
)
from crossdock.domain.supply import SupplyKind
from crossdock.services.inventory.channel_controls import BufferSetting, ChannelControls, set_channel_controls
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.dispatch_supply import dispatch_supply
from crossdock.services.supply.future import LocationFuture, future_availability
from crossdock.services.supply.queries import SupplyLineView, get_supply
from crossdock.services.supply.receive_supply import ReceiptResult, receive_supply

RUNNER, BEANIE = "RETRO-RUNNER-42", "WOOL-BEANIE"
PO, TRANSFER = SupplyKind.PURCHASE_ORDER, SupplyKind.TRANSFER
JULY_1, JULY_15 = date(2031, 7, 1), date(2031, 7, 15)


def _po(reference: str = "PO-1001", *lines: tuple[str, int], eta: date | None = JULY_1, to: str = "WH-NJ") -> int:
    return create_supply(SupplyRequest(PO, reference, to, list(lines or [(RUNNER, 10)]), eta=eta, supplier="Acme"))


def test_a_purchase_order_is_received_in_parts(network, products, position) -> None:
    supply_id = _po("PO-1001", (RUNNER, 10), (BEANIE, 4))

    first = receive_supply(supply_id, "DN-1", [(RUNNER, 6)], actor="wms")
    second = receive_supply(supply_id, "DN-2", [(RUNNER, 4), (BEANIE, 4)], actor="wms")

    assert first == ReceiptResult(supply_id, "DN-1", duplicate=False, status="partially_received")
    assert second.status == "received"
    assert get_supply(supply_id).lines == [SupplyLineView(RUNNER, 10, 10, 0, 0), SupplyLineView(BEANIE, 4, 4, 0, 0)]
    assert (position("WH-NJ", RUNNER).on_hand, position("WH-NJ", BEANIE).on_hand) == (10, 4)


def test_the_same_receipt_again_changes_nothing(network, products, position) -> None:
    supply_id = _po()
    receive_supply(supply_id, "DN-1", [(RUNNER, 3)], actor="wms")

    again = receive_supply(supply_id, "DN-1", [(RUNNER, 3)], actor="wms")

    assert again.duplicate is True
    assert position("WH-NJ", RUNNER).on_hand == 3
    assert get_supply(supply_id).lines[0].received == 3


@pytest.mark.parametrize(
    ("lines", "error", "field"),
    [
        ([(RUNNER, 8)], ReceiptExceedsOpen, "lines[0].quantity"),
        ([(BEANIE, 1)], InvalidInput, "lines[0].sku"),
        ([(RUNNER, 1), ("NO-SUCH-SKU", 1)], UnknownSku, "lines[1].sku"),
        ([(RUNNER, -2)], InvalidInput, "lines[0].quantity"),
        ([(RUNNER, 1), (RUNNER, 1)], DuplicateLine, "lines[1].sku"),
        ([], InvalidInput, "lines"),
    ],
)
def test_a_bad_receipt_is_refused_and_writes_nothing(
    network, products, db_state, lines: list[tuple[str, int]], error: type[DomainError], field: str
) -> None:
    supply_id = _po()
    receive_supply(supply_id, "DN-1", [(RUNNER, 3)], actor="wms")
    before = db_state()

    with pytest.raises(error) as refused:
        receive_supply(supply_id, "DN-2", lines, actor="wms")

    assert refused.value.field == field
    assert db_state() == before


def test_a_received_purchase_order_takes_no_more_receipts(network, products) -> None:
    supply_id = _po()
    receive_supply(supply_id, "DN-1", [(RUNNER, 10)], actor="wms")

    with pytest.raises(IllegalTransition):
        receive_supply(supply_id, "DN-2", [(RUNNER, 1)], actor="wms")


def test_a_dispatched_transfer_leaves_its_source_and_arrives_at_its_destination(stock, position) -> None:
    stock("WH-NJ", RUNNER, 10)
    supply_id = create_supply(SupplyRequest(TRANSFER, "TR-7", "ST-MAN", [(RUNNER, 4)], eta=JULY_1, source="WH-NJ"))

    dispatch_supply(supply_id)

    assert (get_supply(supply_id).status, position("WH-NJ", RUNNER).on_hand) == ("in_transit", 6)
    receive_supply(supply_id, "TR-7-IN", [(RUNNER, 4)], actor="pos:ST-MAN")
    assert (position("WH-NJ", RUNNER).on_hand, position("ST-MAN", RUNNER).on_hand) == (6, 4)


def test_a_transfer_cannot_send_units_reserved_or_held_back(stock, place, db_state) -> None:
    from crossdock.domain.orders import DeliveryMethod, RequestedLine

    stock("WH-NJ", RUNNER, 5, safety_stock=1)
    place(RequestedLine(RUNNER, 2, DeliveryMethod.SHIP))
    supply_id = create_supply(SupplyRequest(TRANSFER, "TR-8", "ST-MAN", [(RUNNER, 3)], source="WH-NJ"))
    before = db_state()

    with pytest.raises(InsufficientStock) as refused:
        dispatch_supply(supply_id)

    assert refused.value.field == "lines[0].quantity"
    assert db_state() == before


@pytest.mark.parametrize(
    ("request_", "error", "field"),
    [
        (SupplyRequest(TRANSFER, "TR-1", "ST-MAN", [(RUNNER, 1)]), InvalidInput, "source"),
        (SupplyRequest(TRANSFER, "TR-1", "ST-MAN", [(RUNNER, 1)], source="ST-MAN"), InvalidInput, "destination"),
        (SupplyRequest(PO, "PO-2", "ST-MAN", [(RUNNER, 1)], source="WH-NJ"), InvalidInput, "source"),
        (SupplyRequest(PO, "PO-2", "NOWHERE", [(RUNNER, 1)]), UnknownLocation, "destination"),
        (SupplyRequest(PO, "PO-2", "WH-NJ", [("NOPE", 1)]), UnknownSku, "lines[0].sku"),
        (SupplyRequest(PO, "PO-2", "WH-NJ", [(RUNNER, 0)]), InvalidInput, "lines[0].quantity"),
        (SupplyRequest(PO, "PO-1001", "WH-NJ", [(RUNNER, 1)]), DuplicateLine, "reference"),
    ],
)
def test_bad_supply_is_refused_and_writes_nothing(
    network, products, db_state, request_: SupplyRequest, error: type[DomainError], field: str
) -> None:
    _po("PO-1001")
    before = db_state()

    with pytest.raises(error) as refused:
        create_supply(request_)

    assert refused.value.field == field
    assert db_state() == before


def test_future_availability_adds_the_supply_due_by_that_date(stock) -> None:
    # given 3 runners in Manhattan, 10 due at Newark on July 1st and 5 at Manhattan on July 15th
    stock("ST-MAN", RUNNER, 3)
    _po("PO-1", (RUNNER, 10), eta=JULY_1, to="WH-NJ")
    _po("PO-2", (RUNNER, 5), eta=JULY_15, to="ST-MAN")
    _po("PO-3", (RUNNER, 50), eta=None, to="ST-MAN")

    early = future_availability(RUNNER, on=date(2031, 6, 30))
    first = future_availability(RUNNER, on=JULY_1)
    later = future_availability(RUNNER, on=JULY_15)

    assert (early.available_now, early.arriving, early.available_on) == (3, 0, 3)
    assert (first.arriving, first.available_on) == (10, 13)
    assert later.locations == [LocationFuture("ST-MAN", 3, 5, 8), LocationFuture("WH-NJ", 0, 10, 10)]


def test_future_availability_for_a_channel_applies_its_controls(stock) -> None:
    stock("ST-MAN", RUNNER, 3)
    _po("PO-1", (RUNNER, 10), eta=JULY_1, to="WH-NJ")
    set_channel_controls(ChannelControls("web", ["store"], buffers=[BufferSetting(units=2, location_type="store")]))

    web = future_availability(RUNNER, on=JULY_1, channel="web")

    assert (web.available_now, web.arriving, web.available_on) == (1, 0, 1)
