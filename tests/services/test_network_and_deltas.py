"""Network visibility per SKU, delta feeds per location, and how a count meets reservations and picked units."""

from __future__ import annotations

from datetime import date

import pytest

from crossdock.db.models import FulfilmentOrder
from crossdock.domain.errors import DomainError, InvalidInput, StaleFeed, UnknownLocation, UnknownSku
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services.inventory.apply_deltas import DeltaResult, StockDelta, apply_deltas
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.inventory.network import LocationPicture, network_picture
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.dispatch_supply import dispatch_supply

RUNNER, BEANIE = "RETRO-RUNNER-42", "WOOL-BEANIE"
SHIP = DeliveryMethod.SHIP


def test_the_network_picture_of_a_sku(stock, place) -> None:
    stock("WH-NJ", RUNNER, 10, safety_stock=1)
    stock("ST-MAN", RUNNER, 4)
    place(RequestedLine(RUNNER, 2, DeliveryMethod.PICKUP, "ST-MAN"), shipping_address=None)
    transfer = create_supply(
        SupplyRequest(SupplyKind.TRANSFER, "TR-1", "ST-BKN", [(RUNNER, 3)], source="WH-NJ", eta=date(2031, 7, 1))
    )
    dispatch_supply(transfer)
    create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-1", "WH-NJ", [(RUNNER, 20)]))

    picture = network_picture(RUNNER)

    assert picture.locations == [
        LocationPicture("ST-BKN", on_hand=0, reserved=0, available=0, in_transit=3, on_order=0),
        LocationPicture("ST-MAN", on_hand=4, reserved=2, available=2, in_transit=0, on_order=0),
        LocationPicture("WH-NJ", on_hand=7, reserved=0, available=6, in_transit=0, on_order=20),
    ]
    assert (picture.on_hand, picture.reserved, picture.available, picture.in_transit, picture.on_order) == (
        11,
        2,
        8,
        3,
        20,
    )
    assert picture.preorderable == 0


def test_deltas_move_stock_in_feed_order_and_a_replay_changes_nothing(stock, position) -> None:
    stock("ST-MAN", RUNNER, 5)

    first = apply_deltas("ST-MAN", 10, [StockDelta(RUNNER, -2), StockDelta(BEANIE, 4)], actor="pos")
    again = apply_deltas("ST-MAN", 10, [StockDelta(RUNNER, -2), StockDelta(BEANIE, 4)], actor="pos")

    assert (first, again) == (DeltaResult("ST-MAN", 10, False, 2), DeltaResult("ST-MAN", 10, True, 0))
    assert (position("ST-MAN", RUNNER).on_hand, position("ST-MAN", BEANIE).on_hand) == (3, 4)


def test_a_delta_older_than_the_last_snapshot_is_already_in_the_count(stock, position, db_state) -> None:
    stock("ST-MAN", RUNNER, 5)
    apply_snapshot("ST-MAN", 20, [CountedStock(RUNNER, 4)], actor="wms")
    before = db_state()

    with pytest.raises(StaleFeed):
        apply_deltas("ST-MAN", 19, [StockDelta(RUNNER, -1)], actor="pos")

    assert db_state() == before


@pytest.mark.parametrize(
    ("location", "deltas", "error", "field"),
    [
        ("ST-MAN", [StockDelta(RUNNER, -1), StockDelta("NO-SUCH-SKU", 1)], UnknownSku, "deltas[1].sku"),
        ("NOWHERE", [StockDelta(RUNNER, 1)], UnknownLocation, "location"),
        ("ST-MAN", [StockDelta(RUNNER, -9)], InvalidInput, "deltas[0].delta"),
        ("ST-MAN", [StockDelta(RUNNER, 0)], InvalidInput, "deltas[0].delta"),
        ("ST-MAN", [], InvalidInput, "deltas"),
    ],
)
def test_a_bad_delta_feed_is_refused_whole_and_its_sequence_stays_free(
    stock, db_state, location: str, deltas: list[StockDelta], error: type[DomainError], field: str
) -> None:
    stock("ST-MAN", RUNNER, 5)
    before = db_state()

    with pytest.raises(error) as refused:
        apply_deltas(location, 1, deltas, actor="pos")

    assert refused.value.field == field
    assert db_state() == before


def test_a_count_includes_reserved_and_picked_units_so_they_stay_reserved(stock, place, position) -> None:
    # given 5 runners at Newark: an order reserved 2 of them and the picker has them in a tote
    stock("WH-NJ", RUNNER, 5)
    order_id = place(RequestedLine(RUNNER, 2, SHIP))
    FulfilmentOrder.objects.filter(order_id=order_id).update(status="picking")

    # when the WMS counts all 5 (the tote is in the building) — and later 4, one unit lost
    apply_snapshot("WH-NJ", 1, [CountedStock(RUNNER, 5)], actor="wms")
    counted_in_full = (position("WH-NJ", RUNNER).on_hand, position("WH-NJ", RUNNER).reserved)
    apply_snapshot("WH-NJ", 2, [CountedStock(RUNNER, 4)], actor="wms")

    # then reservations are never touched by a count that still covers them: only free stock shrinks
    assert counted_in_full == (5, 2)
    assert (position("WH-NJ", RUNNER).on_hand, position("WH-NJ", RUNNER).reserved) == (4, 2)
    assert [line.status for line in get_order(order_id).lines] == ["allocated"]


def test_a_count_below_what_is_reserved_makes_the_youngest_reservation_give_way(stock, place, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    older = place(RequestedLine(RUNNER, 2, SHIP))
    younger = place(RequestedLine(RUNNER, 2, SHIP))

    result = apply_snapshot("WH-NJ", 1, [CountedStock(RUNNER, 3)], actor="wms")

    assert result.released_units == 1
    assert (position("WH-NJ", RUNNER).on_hand, position("WH-NJ", RUNNER).reserved) == (3, 3)
    assert get_order(older).lines[0].unallocated_quantity == 0
    assert get_order(younger).lines[0].unallocated_quantity == 1
