"""mark_fulfilment_shipped: the stand-in for the store flow moves stock out and completes lines."""

from __future__ import annotations

import pytest

from crossdock.db.models import FulfilmentOrder, Reservation
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.holds import HoldKind, OrderOnHold
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.orders.queries import get_order


def test_shipping_a_fulfilment_consumes_its_stock_and_completes_the_order(stock, order_of, position) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 4)
    order_id = order_of(("TRAIL-JACKET-M", 2))
    (fulfilment,) = FulfilmentOrder.objects.filter(order_id=order_id)

    mark_fulfilment_shipped(fulfilment.pk, actor="wh:WH-NJ")

    jackets = position("WH-NJ", "TRAIL-JACKET-M")
    assert (jackets.on_hand, jackets.reserved) == (2, 0)
    assert Reservation.objects.count() == 0
    order = get_order(order_id)
    assert (order.status, [line.status for line in order.lines]) == ("completed", ["fulfilled"])
    assert order.timeline[-1].type == "FulfilmentShipped"


def test_a_pickup_is_handed_over_and_one_of_two_fulfilments_leaves_the_order_partially_shipped(
    plenty, order_of
) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "pickup", "ST-BKN"), ("TRAIL-JACKET-M", 1))
    pickup = FulfilmentOrder.objects.get(order_id=order_id, delivery_method="pickup")

    mark_fulfilment_shipped(pickup.pk, actor="store:ST-BKN")

    order = get_order(order_id)
    assert [(f.delivery_method, f.status) for f in order.fulfilments] == [("pickup", "collected"), ("ship", "assigned")]
    assert order.status == "partially_shipped"


def test_shipping_twice_is_refused(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    (fulfilment,) = FulfilmentOrder.objects.filter(order_id=order_id)
    mark_fulfilment_shipped(fulfilment.pk, actor="wh")

    with pytest.raises(IllegalTransition):
        mark_fulfilment_shipped(fulfilment.pk, actor="wh")


def test_a_held_order_cannot_ship(plenty, order_of, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    hold_order(order_id, kind=HoldKind.MANUAL, reason="address check", actor="cs:maria")
    (fulfilment,) = FulfilmentOrder.objects.filter(order_id=order_id)
    before = db_state()

    with pytest.raises(OrderOnHold):
        mark_fulfilment_shipped(fulfilment.pk, actor="wh")

    assert db_state() == before


def test_an_unknown_fulfilment(db) -> None:
    with pytest.raises(NotFound):
        mark_fulfilment_shipped(404, actor="wh")
