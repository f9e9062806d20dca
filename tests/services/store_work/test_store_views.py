"""What the store app reads: the queue, a fulfilment's pick list with on-hand, a combined pick list."""

from __future__ import annotations

import pytest

from crossdock.domain.errors import NotFound
from crossdock.services.store_work.combined import combined_pick_list
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.detail import fulfilment_detail
from crossdock.services.store_work.pickup import mark_ready_for_pickup
from crossdock.services.store_work.queue import store_queue


def test_the_queue_lists_work_in_progress_and_pickups_waiting(bram, pickup_in_brooklyn, place, stock) -> None:
    from crossdock.domain.orders import DeliveryMethod, RequestedLine

    waiting = place(RequestedLine("WOOL-BEANIE", 2, DeliveryMethod.PICKUP, "ST-BKN"))
    confirm_pick(pickup_in_brooklyn, PickRequest(barcode="4006381333955"), scope=bram)
    mark_ready_for_pickup(pickup_in_brooklyn, scope=bram)

    queue = store_queue("ST-BKN", scope=bram)

    assert (queue.store_code, queue.store_name) == ("ST-BKN", "Brooklyn Atlantic")
    assert [(i.order_id, i.status, i.units, i.skus, i.destination) for i in queue.in_progress] == [
        (waiting, "assigned", 2, ["WOOL-BEANIE"], "pickup here")
    ]
    assert [(i.fulfilment_id, i.customer_name) for i in queue.ready_for_pickup] == [
        (pickup_in_brooklyn, "Ada Lovelace")
    ]
    assert queue.ready_for_pickup[0].ready_at is not None


def test_the_pick_list_shows_the_stores_on_hand_not_availability(maya, ship_from_manhattan) -> None:
    confirm_pick(ship_from_manhattan, PickRequest(barcode="4006381333931"), scope=maya)

    detail = fulfilment_detail(ship_from_manhattan, scope=maya)

    assert [(line.sku, line.quantity, line.picked, line.on_hand, line.barcode) for line in detail.lines] == [
        ("RETRO-RUNNER-42", 2, 1, 3, "4006381333931"),  # 3 on the shelf, though 2 of them are reserved
        ("WOOL-BEANIE", 1, 0, 2, "4006381333955"),
    ]
    assert (detail.store_code, detail.delivery_method, detail.status, detail.units_left) == (
        "ST-MAN",
        "ship",
        "picking",
        2,
    )
    assert [e.type for e in detail.timeline][-2:] == ["PickingStarted", "ItemPicked"]


def test_a_combined_pick_list_adds_up_each_sku(bram, pickup_in_brooklyn, place) -> None:
    from crossdock.db.models import FulfilmentOrder
    from crossdock.domain.orders import DeliveryMethod, RequestedLine

    second = FulfilmentOrder.objects.get(
        order_id=place(RequestedLine("WOOL-BEANIE", 2, DeliveryMethod.PICKUP, "ST-BKN"))
    ).pk

    combined = combined_pick_list("ST-BKN", [pickup_in_brooklyn, second], scope=bram)

    assert [(line.sku, line.quantity, line.picked, line.on_hand, line.orders) for line in combined.lines] == [
        ("WOOL-BEANIE", 3, 0, 4, ["W-1001", "W-1002"])
    ]


def test_an_unknown_fulfilment_is_not_found(maya, network) -> None:
    with pytest.raises(NotFound):
        fulfilment_detail(987654, scope=maya)
