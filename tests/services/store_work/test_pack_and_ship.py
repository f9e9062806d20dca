"""Pack into parcels, then ship with a tracking number: stock leaves, the order moves on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import FulfilmentOrder, Order, OrderEvent, OrderLine, Parcel, Shipment
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.store_work import PickIncomplete
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.pack import PackRequest, pack_fulfilment
from crossdock.services.store_work.ship import ShipRequest, ship_fulfilment
from crossdock.services.store_work.short_pick import ShortRequest, short_pick

TWO_KILOS = PackRequest([Decimal("2.150")])
UPS = ShipRequest("UPS", "1Z999AA10123456784")


@pytest.fixture
def picked(maya, ship_from_manhattan, line_of) -> int:  # type: ignore[no-untyped-def]
    """Every unit of the Manhattan shipment picked."""
    confirm_pick(
        ship_from_manhattan,
        PickRequest(line_id=line_of(ship_from_manhattan, "RETRO-RUNNER-42"), quantity=2),
        scope=maya,
    )
    confirm_pick(ship_from_manhattan, PickRequest(barcode="4006381333955"), scope=maya)
    return ship_from_manhattan


@pytest.fixture
def packed(maya, picked) -> int:  # type: ignore[no-untyped-def]
    pack_fulfilment(picked, TWO_KILOS, scope=maya)
    return picked


def test_packing_records_parcels(maya, picked) -> None:
    result = pack_fulfilment(picked, PackRequest([Decimal("2.150"), Decimal("0.400")]), scope=maya)

    assert result.status == "packed"
    assert list(Parcel.objects.values_list("number", "weight_kg")) == [(1, Decimal("2.150")), (2, Decimal("0.400"))]
    event = OrderEvent.objects.filter(type="FulfilmentPacked").get()
    assert (event.actor, event.data["parcels"], event.data["weight_kg"]) == ("staff:maya", 2, "2.550")


def test_packing_twice_changes_nothing(maya, packed, db_state) -> None:
    before = db_state()

    result = pack_fulfilment(packed, PackRequest([Decimal(1), Decimal(1)]), scope=maya)

    assert (result.status, result.replayed) == ("packed", True)
    assert db_state() == before


def test_packing_with_units_left_to_pick_is_refused(maya, ship_from_manhattan, db_state) -> None:
    confirm_pick(ship_from_manhattan, PickRequest(barcode="4006381333955"), scope=maya)
    before = db_state()

    with pytest.raises(PickIncomplete, match="2 units still to pick"):
        pack_fulfilment(ship_from_manhattan, TWO_KILOS, scope=maya)

    assert db_state() == before


def test_packing_before_picking_is_refused(maya, ship_from_manhattan, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="pick the items before packing"):
        pack_fulfilment(ship_from_manhattan, TWO_KILOS, scope=maya)

    assert db_state() == before


@pytest.mark.parametrize(
    ("weights", "field"),
    [([], "parcels"), ([None], "parcels[0].weight_kg"), ([Decimal(1), Decimal("70.5")], "parcels[1].weight_kg")],
)
def test_parcels_without_a_sensible_weight_are_refused(maya, picked, db_state, weights, field) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as refused:
        pack_fulfilment(picked, PackRequest(weights), scope=maya)

    assert refused.value.field == field
    assert db_state() == before


def test_shipping_consumes_stock_and_completes_the_order(maya, packed, position) -> None:
    result = ship_fulfilment(packed, UPS, scope=maya)

    assert (result.status, result.replayed) == ("shipped", False)
    runners = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (1, 0)
    assert list(OrderLine.objects.values_list("status", flat=True)) == ["fulfilled", "fulfilled"]
    assert Order.objects.get().status == "completed"
    assert list(Shipment.objects.values_list("carrier", "tracking_number", "actor")) == [
        ("UPS", "1Z999AA10123456784", "staff:maya")
    ]
    event = OrderEvent.objects.filter(type="FulfilmentShipped").get()
    assert (event.actor, event.data["tracking_number"], event.data["status"]) == (
        "staff:maya",
        "1Z999AA10123456784",
        "shipped",
    )


def test_shipping_what_is_left_after_a_short_pick_is_a_partial_shipment(maya, ship_from_manhattan, line_of) -> None:
    short_pick(
        ship_from_manhattan,
        ShortRequest(line_id=line_of(ship_from_manhattan, "RETRO-RUNNER-42"), missing=2),
        scope=maya,
    )
    confirm_pick(ship_from_manhattan, PickRequest(barcode="4006381333955"), scope=maya)
    pack_fulfilment(ship_from_manhattan, TWO_KILOS, scope=maya)

    ship_fulfilment(ship_from_manhattan, UPS, scope=maya)

    assert Order.objects.get().status == "partially_shipped"
    assert dict(OrderLine.objects.values_list("sku", "status")) == {
        "RETRO-RUNNER-42": "unallocated",
        "WOOL-BEANIE": "fulfilled",
    }


def test_a_second_ship_click_changes_nothing(maya, packed, db_state) -> None:
    ship_fulfilment(packed, UPS, scope=maya)
    before = db_state()

    result = ship_fulfilment(packed, UPS, scope=maya)

    assert (result.status, result.replayed) == ("shipped", True)
    assert db_state() == before


def test_shipping_again_under_another_tracking_number_is_refused(maya, packed) -> None:
    ship_fulfilment(packed, UPS, scope=maya)

    with pytest.raises(IllegalTransition, match="already shipped with tracking number 1Z999AA10123456784"):
        ship_fulfilment(packed, ShipRequest("UPS", "1Z000"), scope=maya)


def test_shipping_before_packing_is_refused(maya, picked, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="pack the order before shipping it"):
        ship_fulfilment(picked, UPS, scope=maya)

    assert db_state() == before
    assert FulfilmentOrder.objects.get(pk=picked).status == "picking"


@pytest.mark.parametrize(
    ("request_", "field"), [(ShipRequest(" ", "1Z"), "carrier"), (ShipRequest("UPS", ""), "tracking_number")]
)
def test_a_shipment_without_carrier_or_tracking_is_refused(maya, packed, db_state, request_, field) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as refused:
        ship_fulfilment(packed, request_, scope=maya)

    assert refused.value.field == field
    assert db_state() == before
