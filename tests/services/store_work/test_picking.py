"""Picking: start, confirm by scan or tap, refusals that write nothing."""

from __future__ import annotations

import pytest

from crossdock.db.models import FulfilmentOrder, Order, OrderEvent, OutboxMessage, PickConfirmation
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.store_work import NotOnPickList, OverPick
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.start_picking import start_picking

RUNNER_BARCODE = "4006381333931"
BEANIE_BARCODE = "4006381333955"
JACKET_BARCODE = "4006381333948"


def test_starting_to_pick_moves_the_fulfilment_and_the_order_on(maya, ship_from_manhattan) -> None:
    result = start_picking(ship_from_manhattan, scope=maya)

    fulfilment = FulfilmentOrder.objects.get(pk=ship_from_manhattan)
    assert (result.status, result.replayed) == ("picking", False)
    assert fulfilment.status == "picking"
    assert Order.objects.get(pk=fulfilment.order_id).status == "in_fulfilment"
    event = OrderEvent.objects.filter(order_id=fulfilment.order_id).last()
    assert (event.type, event.actor) == ("PickingStarted", "staff:maya")
    assert OutboxMessage.objects.filter(topic="fulfilment.picking_started").count() == 1


def test_a_second_start_click_changes_nothing(maya, ship_from_manhattan, db_state) -> None:
    start_picking(ship_from_manhattan, scope=maya)
    before = db_state()

    result = start_picking(ship_from_manhattan, scope=maya)

    assert (result.status, result.replayed) == ("picking", True)
    assert db_state() == before


def test_a_scan_confirms_one_unit_and_starts_the_pick_list(maya, ship_from_manhattan) -> None:
    result = confirm_pick(ship_from_manhattan, PickRequest(barcode=RUNNER_BARCODE), scope=maya)

    assert (result.sku, result.picked, result.quantity, result.list_complete) == ("RETRO-RUNNER-42", 1, 2, False)
    assert FulfilmentOrder.objects.get(pk=ship_from_manhattan).status == "picking"
    assert list(PickConfirmation.objects.values_list("quantity", "method", "actor")) == [(1, "scan", "staff:maya")]
    types = list(OrderEvent.objects.values_list("type", flat=True))
    assert types[-2:] == ["PickingStarted", "ItemPicked"]


def test_scans_and_taps_complete_the_list(maya, ship_from_manhattan, line_of) -> None:
    confirm_pick(ship_from_manhattan, PickRequest(barcode=RUNNER_BARCODE), scope=maya)
    confirm_pick(ship_from_manhattan, PickRequest(line_id=line_of(ship_from_manhattan, "RETRO-RUNNER-42")), scope=maya)

    last = confirm_pick(ship_from_manhattan, PickRequest(barcode="WOOL-BEANIE"), scope=maya)  # a typed SKU works too

    assert (last.picked, last.quantity, last.list_complete) == (1, 1, True)
    assert sorted(PickConfirmation.objects.values_list("method", flat=True)) == ["scan", "scan", "tap"]


def test_a_barcode_not_on_the_pick_list_is_refused(maya, ship_from_manhattan, db_state) -> None:
    before = db_state()

    with pytest.raises(NotOnPickList, match=f"barcode {JACKET_BARCODE} is not on this pick list") as refused:
        confirm_pick(ship_from_manhattan, PickRequest(barcode=JACKET_BARCODE), scope=maya)

    assert refused.value.field == "barcode"
    assert db_state() == before  # not even started


def test_picking_more_than_ordered_is_refused(maya, ship_from_manhattan, db_state) -> None:
    confirm_pick(ship_from_manhattan, PickRequest(barcode=BEANIE_BARCODE), scope=maya)
    before = db_state()

    with pytest.raises(OverPick, match="this item is fully picked"):
        confirm_pick(ship_from_manhattan, PickRequest(barcode=BEANIE_BARCODE), scope=maya)

    assert db_state() == before


def test_a_tap_for_more_units_than_are_left_is_refused(maya, ship_from_manhattan, line_of, db_state) -> None:
    before = db_state()

    with pytest.raises(OverPick, match="only 2 of 2 units are left to pick"):
        confirm_pick(
            ship_from_manhattan,
            PickRequest(line_id=line_of(ship_from_manhattan, "RETRO-RUNNER-42"), quantity=3),
            scope=maya,
        )

    assert db_state() == before


def test_a_pick_without_barcode_or_line_is_refused(maya, ship_from_manhattan, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput, match="scan a barcode or tap an item") as refused:
        confirm_pick(ship_from_manhattan, PickRequest(), scope=maya)

    assert refused.value.field == "barcode"
    assert db_state() == before


def test_a_pick_of_zero_units_is_refused(maya, ship_from_manhattan, line_of, db_state) -> None:
    before = db_state()
    runners = line_of(ship_from_manhattan, "RETRO-RUNNER-42")

    with pytest.raises(InvalidInput) as refused:
        confirm_pick(ship_from_manhattan, PickRequest(line_id=runners, quantity=0), scope=maya)

    assert refused.value.field == "quantity"
    assert db_state() == before


def test_a_line_of_another_fulfilment_is_not_on_the_list(
    maya, ship_from_manhattan, pickup_in_brooklyn, db_state
) -> None:
    other_line = FulfilmentOrder.objects.get(pk=pickup_in_brooklyn).lines.get().pk
    before = db_state()

    with pytest.raises(NotOnPickList):
        confirm_pick(ship_from_manhattan, PickRequest(line_id=other_line), scope=maya)

    assert db_state() == before


def test_the_pick_list_of_a_shipped_fulfilment_is_closed(maya, ship_from_manhattan) -> None:
    FulfilmentOrder.objects.filter(pk=ship_from_manhattan).update(status="shipped")

    with pytest.raises(IllegalTransition, match="its pick list is closed"):
        confirm_pick(ship_from_manhattan, PickRequest(barcode=RUNNER_BARCODE), scope=maya)
