"""Ship to store: a pickup in Brooklyn for runners only Newark has — shipped to Brooklyn, received, handed over."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crossdock.db.models import (
    FulfilmentOrder,
    Order,
    OrderEvent,
    OrderLine,
    OutboxMessage,
    PickupHandover,
    RoutingDecision,
)
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.staff.scope import StaffScope
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.handover import HandoverRequest, hand_over
from crossdock.services.store_work.pickup import mark_ready_for_pickup
from crossdock.services.store_work.queue import store_queue
from crossdock.services.store_work.receive import receive_for_pickup
from crossdock.services.store_work.short_pick import ShortRequest, short_pick

PICKUP = DeliveryMethod.PICKUP
RUNNER = "RETRO-RUNNER-42"


@pytest.fixture
def runners_for_brooklyn(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    """Ada picks up two runners in Brooklyn; only Newark has them (2). Returns the order id."""
    stock("WH-NJ", RUNNER, 2)
    return place(RequestedLine(RUNNER, 2, PICKUP, "ST-BKN"), shipping_address=None)


def transfer_of(order_id: int) -> FulfilmentOrder:
    return FulfilmentOrder.objects.get(order_id=order_id, destination_location__isnull=False)


def stock_of(position: Callable[..., Any], location: str) -> tuple[int, int]:
    found = position(location, RUNNER)
    return (found.on_hand, found.reserved)


def test_a_pickup_the_store_cannot_serve_is_shipped_to_it_from_newark(runners_for_brooklyn, position) -> None:
    transfer = transfer_of(runners_for_brooklyn)

    assert (transfer.location.code, transfer.delivery_method, transfer.status) == ("WH-NJ", "ship", "assigned")
    assert transfer.destination_location.code == "ST-BKN"
    assert list(transfer.lines.values_list("quantity", flat=True)) == [2]
    assert stock_of(position, "WH-NJ") == (2, 2)
    line = OrderLine.objects.get()
    assert (line.status, line.unallocated_quantity) == ("allocated", 0)
    created = OrderEvent.objects.get(type="FulfilmentCreated")
    assert created.data["ships_to"] == "ST-BKN"


def test_the_ship_to_store_decision_is_kept_with_the_store_as_destination(runners_for_brooklyn) -> None:
    decision = RoutingDecision.objects.get(order_id=runners_for_brooklyn)

    assert (decision.reason, decision.strategy) == ("ship_to_store", "assign")
    assert decision.allocations == [{"sku": RUNNER, "location": "WH-NJ", "quantity": 2}]
    assert decision.inputs["destination"] == [40.6840, -73.9772]
    routed = OrderEvent.objects.get(type="OrderRouted")
    assert (routed.reason, routed.data["store"], routed.data["locations"]) == ("ship_to_store", "ST-BKN", ["WH-NJ"])


def test_newark_ships_brooklyn_receives_and_the_customer_collects(runners_for_brooklyn, bram, position) -> None:
    transfer = transfer_of(runners_for_brooklyn)

    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")

    transfer.refresh_from_db()
    assert transfer.status == "in_transit"
    assert stock_of(position, "WH-NJ") == (0, 0)
    assert (Order.objects.get().status, OrderLine.objects.get().status) == ("in_fulfilment", "allocated")

    received = receive_for_pickup(transfer.pk, scope=bram)

    assert (received.status, FulfilmentOrder.objects.get(pk=received.pickup_fulfilment_id).status) == (
        "received",
        "packed",
    )
    assert stock_of(position, "ST-BKN") == (2, 2)

    mark_ready_for_pickup(received.pickup_fulfilment_id, scope=bram)
    code = PickupHandover.objects.get().code
    hand_over(received.pickup_fulfilment_id, HandoverRequest(code=code), scope=bram)

    assert (Order.objects.get().status, OrderLine.objects.get().status) == ("completed", "fulfilled")
    assert stock_of(position, "ST-BKN") == (0, 0)
    assert stock_of(position, "WH-NJ") == (0, 0)
    types = list(OrderEvent.objects.order_by("pk").values_list("type", flat=True))
    assert types[types.index("TransferShipped") :] == [
        "TransferShipped",
        "TransferReceived",
        "FulfilmentCreated",
        "ReadyForPickup",
        "CustomerNotified",
        "FulfilmentShipped",
    ]
    assert OutboxMessage.objects.filter(topic="fulfilment.transfer_received").count() == 1


def test_units_received_for_an_order_are_sold_to_nobody_else(runners_for_brooklyn, bram, place, position) -> None:
    transfer = transfer_of(runners_for_brooklyn)
    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    receive_for_pickup(transfer.pk, scope=bram)

    later = place(RequestedLine(RUNNER, 1, PICKUP, "ST-BKN"), shipping_address=None, allow_unallocated=True)

    line = OrderLine.objects.get(order_id=later)
    assert (line.status, line.unallocated_quantity) == ("unallocated", 1)
    assert stock_of(position, "ST-BKN") == (2, 2)


def test_a_line_partly_in_store_and_partly_shipped_to_it(stock, place, bram, position) -> None:
    stock("ST-BKN", RUNNER, 1)
    stock("WH-NJ", RUNNER, 5)
    order_id = place(RequestedLine(RUNNER, 3, PICKUP, "ST-BKN"), shipping_address=None)
    in_store = FulfilmentOrder.objects.get(order_id=order_id, location__code="ST-BKN")
    transfer = transfer_of(order_id)
    assert (list(in_store.lines.values_list("quantity", flat=True)), in_store.delivery_method) == ([1], "pickup")
    assert list(transfer.lines.values_list("quantity", flat=True)) == [2]
    assert (stock_of(position, "ST-BKN"), stock_of(position, "WH-NJ")) == ((1, 1), (5, 2))

    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    received = receive_for_pickup(transfer.pk, scope=bram)
    assert (stock_of(position, "ST-BKN"), stock_of(position, "WH-NJ")) == ((3, 3), (3, 0))
    confirm_pick(in_store.pk, PickRequest(barcode="4006381333931"), scope=bram)
    for pickup in (in_store.pk, received.pickup_fulfilment_id):
        mark_ready_for_pickup(pickup, scope=bram)
        code = PickupHandover.objects.get(fulfilment_id=pickup).code
        hand_over(pickup, HandoverRequest(code=code), scope=bram)

    assert (Order.objects.get().status, OrderLine.objects.get().status) == ("completed", "fulfilled")
    assert (stock_of(position, "ST-BKN"), stock_of(position, "WH-NJ")) == ((0, 0), (3, 0))


def test_the_queue_shows_what_is_arriving_for_pickup(runners_for_brooklyn, bram) -> None:
    transfer = transfer_of(runners_for_brooklyn)
    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")

    arriving = store_queue("ST-BKN", scope=bram).arriving

    assert [(a.fulfilment_id, a.source, a.status, a.units, a.can_receive) for a in arriving] == [
        (transfer.pk, "WH-NJ", "in_transit", 2, True)
    ]


def test_receiving_what_has_not_been_shipped_is_refused(runners_for_brooklyn, bram, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="has not been shipped yet"):
        receive_for_pickup(transfer_of(runners_for_brooklyn).pk, scope=bram)

    assert db_state() == before


def test_receiving_twice_is_refused_and_changes_nothing(runners_for_brooklyn, bram, db_state) -> None:
    transfer = transfer_of(runners_for_brooklyn)
    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    receive_for_pickup(transfer.pk, scope=bram)
    before = db_state()

    with pytest.raises(IllegalTransition, match="already received"):
        receive_for_pickup(transfer.pk, scope=bram)

    assert db_state() == before


def test_another_store_cannot_receive_it(runners_for_brooklyn, maya, db_state) -> None:
    transfer = transfer_of(runners_for_brooklyn)
    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    before = db_state()

    with pytest.raises(NotFound, match="shipped to any of your stores"):
        receive_for_pickup(transfer.pk, scope=maya)

    assert db_state() == before


def test_cancelling_before_newark_ships_releases_its_stock(runners_for_brooklyn, position) -> None:
    cancel_order(runners_for_brooklyn, reason="changed my mind", actor="test")

    assert transfer_of(runners_for_brooklyn).status == "cancelled"
    assert stock_of(position, "WH-NJ") == (2, 0)


def test_units_in_transit_cannot_be_cancelled(runners_for_brooklyn, db_state) -> None:
    mark_fulfilment_shipped(transfer_of(runners_for_brooklyn).pk, actor="wms:newark")
    before = db_state()

    with pytest.raises(IllegalTransition, match="has already left its location"):
        cancel_order(runners_for_brooklyn, reason="changed my mind", actor="test")

    assert db_state() == before


def test_under_an_offer_profile_shipped_units_are_offered_and_the_transfer_assigned(
    stock, place, offer_profile, fulfilments_of
) -> None:
    for store in ("ST-MAN", "ST-BKN", "ST-QNS", "ST-BRX"):
        stock(store, RUNNER, 2)
    stock("ST-QNS", "WOOL-BEANIE", 1)

    order_id = place(RequestedLine(RUNNER, 1, DeliveryMethod.SHIP), RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-BKN"))

    assert sorted(fulfilments_of(order_id)) == [
        ("ST-BKN", "offered"),
        ("ST-BRX", "offered"),
        ("ST-MAN", "offered"),
        ("ST-QNS", "assigned"),
    ]
    assert transfer_of(order_id).location.code == "ST-QNS"
    reasons = RoutingDecision.objects.filter(order_id=order_id).values_list("reason", "strategy")
    assert list(reasons) == [("placed", "offer"), ("ship_to_store", "assign")]


def test_when_the_source_of_a_transfer_comes_up_short_the_units_are_shipped_from_another_location(
    stock: Callable[..., Any], place: Callable[..., int], position: Callable[..., Any], maya: StaffScope
) -> None:
    stock("ST-MAN", RUNNER, 2)
    stock("WH-NJ", RUNNER, 5)
    order_id = place(RequestedLine(RUNNER, 2, PICKUP, "ST-BKN"), shipping_address=None)
    first = transfer_of(order_id)
    assert first.location.code == "ST-MAN"  # Manhattan is nearer Brooklyn than Newark

    short_pick(first.pk, ShortRequest(line_id=first.lines.get().pk, missing=2, reason="shelf empty"), scope=maya)

    second = FulfilmentOrder.objects.get(order_id=order_id, destination_location__isnull=False, status="assigned")
    assert (second.location.code, second.destination_location.code) == ("WH-NJ", "ST-BKN")
    assert list(second.lines.values_list("quantity", flat=True)) == [2]
    assert stock_of(position, "WH-NJ") == (5, 2)
    line = OrderLine.objects.get(order_id=order_id)
    assert (line.status, line.unallocated_quantity) == ("allocated", 0)
