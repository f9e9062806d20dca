"""Pickup in store: ready at the counter with a code and a message to the customer; handed over; no-shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from crossdock.db.models import FulfilmentOrder, Order, OrderEvent, OrderLine, OutboxMessage, PickupHandover
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.store_work import WrongPickupCode
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.handover import HandoverRequest, hand_over
from crossdock.services.store_work.no_shows import cancel_uncollected_pickups
from crossdock.services.store_work.pickup import mark_ready_for_pickup


@pytest.fixture
def ready(bram, pickup_in_brooklyn) -> str:  # type: ignore[no-untyped-def]
    """The Brooklyn beanie picked and at the counter; returns its pickup code."""
    confirm_pick(pickup_in_brooklyn, PickRequest(barcode="4006381333955"), scope=bram)
    mark_ready_for_pickup(pickup_in_brooklyn, scope=bram)
    return PickupHandover.objects.get().code


def test_ready_for_pickup_packs_on_the_way_and_tells_the_customer(bram, pickup_in_brooklyn) -> None:
    confirm_pick(pickup_in_brooklyn, PickRequest(barcode="4006381333955"), scope=bram)

    result = mark_ready_for_pickup(pickup_in_brooklyn, scope=bram)

    assert result.status == "ready_for_pickup"
    pickup = PickupHandover.objects.get()
    assert len(pickup.code) == 6 and pickup.code.isdigit()
    message = OutboxMessage.objects.get(topic="customer.pickup_ready")
    assert (message.payload["pickup_code"], message.payload["store_code"]) == (pickup.code, "ST-BKN")
    types = list(OrderEvent.objects.values_list("type", flat=True))
    assert types[-3:] == ["FulfilmentPacked", "ReadyForPickup", "CustomerNotified"]


def test_marking_ready_twice_keeps_the_first_code(bram, pickup_in_brooklyn, ready, db_state) -> None:
    before = db_state()

    result = mark_ready_for_pickup(pickup_in_brooklyn, scope=bram)

    assert result.replayed is True
    assert db_state() == before


def test_marking_ready_before_picking_is_refused(bram, pickup_in_brooklyn, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="pick the items before marking the order ready"):
        mark_ready_for_pickup(pickup_in_brooklyn, scope=bram)

    assert db_state() == before


def test_a_shipment_cannot_wait_at_the_counter(maya, ship_from_manhattan, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="only pickup orders wait at the counter"):
        mark_ready_for_pickup(ship_from_manhattan, scope=maya)

    assert db_state() == before


def test_handover_with_the_right_code_collects_the_order(bram, pickup_in_brooklyn, ready, position) -> None:
    result = hand_over(pickup_in_brooklyn, HandoverRequest(code=ready), scope=bram)

    assert result.status == "collected"
    assert Order.objects.get().status == "completed"
    assert OrderLine.objects.get().status == "fulfilled"
    beanies = position("ST-BKN", "WOOL-BEANIE")
    assert (beanies.on_hand, beanies.reserved) == (3, 0)
    pickup = PickupHandover.objects.get()
    assert (pickup.handed_over_by, pickup.checked_by) == ("staff:bram", "code")
    event = OrderEvent.objects.filter(type="FulfilmentShipped").get()
    assert (event.actor, event.data["status"]) == ("staff:bram", "collected")


def test_handover_by_the_customers_name(bram, pickup_in_brooklyn, ready) -> None:
    result = hand_over(pickup_in_brooklyn, HandoverRequest(name="  ada LOVELACE "), scope=bram)

    assert result.status == "collected"
    assert PickupHandover.objects.get().checked_by == "name"


@pytest.mark.parametrize(
    ("request_", "error", "field"),
    [
        (HandoverRequest(code="000000"), WrongPickupCode, "code"),
        (HandoverRequest(name="Charles Babbage"), WrongPickupCode, "name"),
        (HandoverRequest(), InvalidInput, "code"),
    ],
)
def test_a_wrong_code_or_name_is_refused(bram, pickup_in_brooklyn, ready, db_state, request_, error, field) -> None:
    if request_.code == ready:  # one in a million: the drawn code is the wrong one we try
        request_ = HandoverRequest(code="999999")
    before = db_state()

    with pytest.raises(error) as refused:
        hand_over(pickup_in_brooklyn, request_, scope=bram)

    assert refused.value.field == field
    assert db_state() == before


def test_a_second_handover_click_changes_nothing(bram, pickup_in_brooklyn, ready, db_state) -> None:
    hand_over(pickup_in_brooklyn, HandoverRequest(code=ready), scope=bram)
    before = db_state()

    result = hand_over(pickup_in_brooklyn, HandoverRequest(code=ready), scope=bram)

    assert (result.status, result.replayed) == ("collected", True)
    assert db_state() == before


def test_handing_over_before_ready_is_refused(bram, pickup_in_brooklyn, db_state) -> None:
    before = db_state()

    with pytest.raises(IllegalTransition, match="mark the order ready for pickup before handing it over"):
        hand_over(pickup_in_brooklyn, HandoverRequest(code="123456"), scope=bram)

    assert db_state() == before


def test_pickups_not_collected_in_time_are_cancelled_and_restocked(
    pickup_in_brooklyn, ready, position, settings
) -> None:
    settings.CROSSDOCK_PICKUP_NO_SHOW_DAYS = 5
    PickupHandover.objects.update(ready_at=timezone.now() - timedelta(days=5, minutes=1))

    cancelled = cancel_uncollected_pickups(timezone.now())

    assert cancelled == 1
    assert FulfilmentOrder.objects.get(pk=pickup_in_brooklyn).status == "cancelled"
    assert (OrderLine.objects.get().status, Order.objects.get().status) == ("cancelled", "cancelled")
    beanies = position("ST-BKN", "WOOL-BEANIE")
    assert (beanies.on_hand, beanies.reserved) == (4, 0)  # back on the shelf, for sale again
    event = OrderEvent.objects.filter(type="PickupNotCollected").get()
    assert (event.actor, event.data["days"]) == ("worker:pickup-no-shows", 5)
    assert cancel_uncollected_pickups(timezone.now()) == 0


def test_pickups_still_within_their_waiting_period_stay(pickup_in_brooklyn, ready, settings) -> None:
    settings.CROSSDOCK_PICKUP_NO_SHOW_DAYS = 5
    PickupHandover.objects.update(ready_at=timezone.now() - timedelta(days=4, hours=23))

    assert cancel_uncollected_pickups(timezone.now()) == 0
    assert FulfilmentOrder.objects.get(pk=pickup_in_brooklyn).status == "ready_for_pickup"
