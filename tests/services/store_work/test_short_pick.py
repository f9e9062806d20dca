"""Short pick: missing units correct the store's stock, leave the reservation and go back to routing."""

from __future__ import annotations

import pytest

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OrderEvent, OrderLine, Reservation, ShortPick
from crossdock.domain.errors import InvalidInput
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.short_pick import ShortRequest, short_pick


def test_a_short_pick_corrects_stock_and_unallocates_the_units(maya, ship_from_manhattan, line_of, position) -> None:
    runners = line_of(ship_from_manhattan, "RETRO-RUNNER-42")
    confirm_pick(ship_from_manhattan, PickRequest(line_id=runners), scope=maya)

    result = short_pick(ship_from_manhattan, ShortRequest(line_id=runners, missing=1), scope=maya)

    assert result.status == "picking"
    runner_stock = position("ST-MAN", "RETRO-RUNNER-42")
    assert (runner_stock.on_hand, runner_stock.reserved) == (2, 1)  # 3 counted down by 1; 1 still reserved
    assert FulfilmentLine.objects.get(pk=runners).quantity == 1
    line = OrderLine.objects.get(sku="RETRO-RUNNER-42")
    assert (line.status, line.quantity, line.unallocated_quantity) == ("unallocated", 2, 1)
    assert Reservation.objects.get(order_line=line).quantity == 1
    assert list(ShortPick.objects.values_list("product__sku", "quantity", "actor")) == [
        ("RETRO-RUNNER-42", 1, "staff:maya")
    ]
    event = OrderEvent.objects.filter(type="ItemShortPicked").get()
    assert (event.actor, event.reason, event.data["missing"]) == ("staff:maya", "not found on the shelf", 1)


def test_the_last_units_short_picked_cancel_the_fulfilment(bram, pickup_in_brooklyn, line_of, position) -> None:
    beanies = line_of(pickup_in_brooklyn, "WOOL-BEANIE")

    result = short_pick(pickup_in_brooklyn, ShortRequest(line_id=beanies, missing=1), scope=bram)

    assert result.status == "cancelled"
    assert FulfilmentOrder.objects.get(pk=pickup_in_brooklyn).status == "cancelled"
    beanie_stock = position("ST-BKN", "WOOL-BEANIE")
    assert (beanie_stock.on_hand, beanie_stock.reserved) == (3, 0)
    assert OrderLine.objects.get().unallocated_quantity == 1


@pytest.mark.parametrize("missing", [0, 3])
def test_a_short_pick_of_no_units_or_more_than_open_is_refused(
    maya, ship_from_manhattan, line_of, db_state, missing
) -> None:
    runners = line_of(ship_from_manhattan, "RETRO-RUNNER-42")
    before = db_state()

    with pytest.raises(InvalidInput) as refused:
        short_pick(ship_from_manhattan, ShortRequest(line_id=runners, missing=missing), scope=maya)

    assert refused.value.field == "missing"
    assert db_state() == before


def test_picked_units_cannot_be_reported_missing(maya, ship_from_manhattan, line_of, db_state) -> None:
    beanies = line_of(ship_from_manhattan, "WOOL-BEANIE")
    confirm_pick(ship_from_manhattan, PickRequest(line_id=beanies), scope=maya)
    before = db_state()

    with pytest.raises(InvalidInput, match="only 0 units are left to pick"):
        short_pick(ship_from_manhattan, ShortRequest(line_id=beanies, missing=1), scope=maya)

    assert db_state() == before
