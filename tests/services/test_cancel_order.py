"""cancel_order: a whole order or some lines, releasing exactly their stock."""

from __future__ import annotations

import pytest

from crossdock.db.models import FulfilmentOrder, OrderEvent, OutboxMessage, Reservation
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders import cancel_order as cancel_module
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.queries import get_order

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT


@pytest.fixture
def split_order(stock, place) -> int:
    """Line 1 (2 runners) ships from Manhattan, line 2 (1 jacket) from Newark."""
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "TRAIL-JACKET-M", 4)
    return place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("TRAIL-JACKET-M", 1, SHIP))


def test_cancelling_a_whole_order_cancels_every_line_and_releases_all_its_stock(split_order, position) -> None:
    cancel_order(split_order, reason="customer changed their mind", actor="cs:maria")

    order = get_order(split_order)
    assert order.status == "cancelled"
    assert [line.status for line in order.lines] == ["cancelled", "cancelled"]
    assert [(f.location, f.status) for f in order.fulfilments] == [("ST-MAN", "cancelled"), ("WH-NJ", "cancelled")]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 0
    assert Reservation.objects.count() == 0


def test_a_cancellation_is_on_the_timeline_and_in_the_outbox(split_order) -> None:
    cancel_order(split_order, reason="customer changed their mind", actor="cs:maria")

    event = get_order(split_order).timeline[-1]
    assert (event.type, event.actor, event.reason, event.data) == (
        "OrderCancelled",
        "cs:maria",
        "customer changed their mind",
        {"lines": [1, 2]},
    )
    message = OutboxMessage.objects.last()
    assert message is not None
    assert (message.topic, message.aggregate_id) == ("order.cancelled", str(split_order))
    assert message.payload == {"order_id": split_order, "lines": [1, 2], "reason": "customer changed their mind"}


def test_cancelling_one_line_releases_only_its_stock_and_its_emptied_fulfilment(split_order, position) -> None:
    cancel_order(split_order, reason="jacket out of season", actor="cs:maria", line_numbers=[2])

    order = get_order(split_order)
    assert order.status == "placed"
    assert [line.status for line in order.lines] == ["allocated", "cancelled"]
    assert [(f.location, f.status) for f in order.fulfilments] == [("ST-MAN", "assigned"), ("WH-NJ", "cancelled")]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 2
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 0
    assert (order.timeline[-1].type, order.timeline[-1].data) == ("LinesCancelled", {"lines": [2]})
    assert OutboxMessage.objects.last().topic == "order.lines_cancelled"  # type: ignore[union-attr]


def test_a_fulfilment_keeps_going_while_one_of_its_lines_is_still_live(stock, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "WOOL-BEANIE", 5)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 1, SHIP), RequestedLine("WOOL-BEANIE", 2, SHIP))

    cancel_order(order_id, reason="beanie not wanted", actor="cs:maria", line_numbers=[2])

    assert [(f.location, f.status) for f in get_order(order_id).fulfilments] == [("WH-NJ", "assigned")]


def test_cancelling_the_last_open_lines_one_by_one_cancels_the_order(split_order, position) -> None:
    cancel_order(split_order, reason="first", actor="cs:maria", line_numbers=[1])
    cancel_order(split_order, reason="second", actor="cs:maria", line_numbers=[2])

    order = get_order(split_order)
    assert order.status == "cancelled"
    assert [f.status for f in order.fulfilments] == ["cancelled", "cancelled"]


def test_cancelling_releases_exactly_the_orders_units_and_not_another_orders(stock, place, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    first = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))
    second = place(RequestedLine("RETRO-RUNNER-42", 4, SHIP))

    cancel_order(first, reason="duplicate order", actor="cs:maria")

    runners = position("WH-NJ", "RETRO-RUNNER-42")
    assert (runners.on_hand, runners.reserved) == (10, 4)
    assert list(Reservation.objects.values_list("order_line__order_id", "quantity")) == [(second, 4)]


def test_a_line_split_over_two_locations_releases_both(stock, place, position) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 2)
    stock("WH-NJ", "RETRO-RUNNER-42", 2)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 3, SHIP))

    cancel_order(order_id, reason="too many", actor="cs:maria", line_numbers=[1])

    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0


def test_an_unallocated_line_is_cancelled_without_touching_stock(stock, place, position) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 1)
    order_id = place(
        RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("WOOL-BEANIE", 1, SHIP), allow_unallocated=True
    )

    cancel_order(order_id, reason="backorder not wanted", actor="cs:maria", line_numbers=[1])

    order = get_order(order_id)
    assert [line.status for line in order.lines] == ["cancelled", "allocated"]
    assert position("WH-NJ", "WOOL-BEANIE").reserved == 1


def test_a_pickup_order_waiting_at_the_store_can_be_cancelled(stock, place, position) -> None:
    stock("ST-BKN", "TRAIL-JACKET-M", 2)
    order_id = place(RequestedLine("TRAIL-JACKET-M", 1, PICKUP, "ST-BKN"), shipping_address=None)
    FulfilmentOrder.objects.filter(order_id=order_id).update(status="ready_for_pickup")

    cancel_order(order_id, reason="never collected", actor="store:ST-BKN")

    assert get_order(order_id).fulfilments[0].status == "cancelled"
    assert position("ST-BKN", "TRAIL-JACKET-M").reserved == 0


def test_a_carried_out_line_cannot_be_cancelled_and_nothing_changes(stock, place, db_state) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 4)
    stock("WH-NJ", "TRAIL-JACKET-M", 4)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "ST-MAN"), RequestedLine("TRAIL-JACKET-M", 1, SHIP))
    before = db_state()

    with pytest.raises(IllegalTransition) as raised:
        cancel_order(order_id, reason="changed mind", actor="cs:maria", line_numbers=[2, 1])

    assert raised.value.field == "lines"
    assert db_state() == before


def test_a_whole_order_with_a_shipped_fulfilment_cannot_be_cancelled(split_order, db_state) -> None:
    FulfilmentOrder.objects.filter(order_id=split_order, location__code="WH-NJ").update(status="shipped")
    before = db_state()

    with pytest.raises(IllegalTransition):
        cancel_order(split_order, reason="too late", actor="cs:maria")

    assert db_state() == before


def test_a_completed_order_cannot_be_cancelled(stock, place, db_state) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 4)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "ST-MAN"), shipping_address=None)
    before = db_state()

    with pytest.raises(IllegalTransition) as raised:
        cancel_order(order_id, reason="changed mind", actor="cs:maria")

    assert raised.value.field == "order_id"
    assert db_state() == before


def test_a_cancelled_order_cannot_be_cancelled_again(split_order, db_state) -> None:
    cancel_order(split_order, reason="first time", actor="cs:maria")
    before = db_state()

    with pytest.raises(IllegalTransition) as raised:
        cancel_order(split_order, reason="second time", actor="cs:maria")

    assert raised.value.field == "order_id"
    assert db_state() == before


def test_a_cancelled_line_cannot_be_cancelled_again(split_order, db_state) -> None:
    cancel_order(split_order, reason="first time", actor="cs:maria", line_numbers=[1])
    before = db_state()

    with pytest.raises(IllegalTransition):
        cancel_order(split_order, reason="second time", actor="cs:maria", line_numbers=[1])

    assert db_state() == before


def test_an_unknown_line_number_is_refused_and_nothing_changes(split_order, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        cancel_order(split_order, reason="typo", actor="cs:maria", line_numbers=[1, 7])

    assert raised.value.field == "lines[1]"
    assert raised.value.message == "order has no line 7"
    assert db_state() == before


@pytest.mark.parametrize("line_numbers", [[], [1, 1]])
def test_an_empty_or_repeated_line_list_is_refused(split_order, db_state, line_numbers: list[int]) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        cancel_order(split_order, reason="typo", actor="cs:maria", line_numbers=line_numbers)

    assert raised.value.field == "lines"
    assert db_state() == before


def test_a_cancellation_without_a_reason_is_refused(split_order, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        cancel_order(split_order, reason="   ", actor="cs:maria")

    assert raised.value.field == "reason"
    assert db_state() == before


def test_an_unknown_order_is_not_found(db_state) -> None:
    before = db_state()

    with pytest.raises(NotFound) as raised:
        cancel_order(424242, reason="who?", actor="cs:maria")

    assert raised.value.field == "order_id"
    assert db_state() == before


def test_the_state_change_timeline_and_outbox_commit_together_or_not_at_all(split_order, db_state, monkeypatch) -> None:
    """A crash right after the event and outbox rows are written rolls back the stock and statuses too."""
    before = db_state()
    write_events = cancel_module.record_order_events

    def write_then_crash(*args: object, **kwargs: object) -> None:
        write_events(*args, **kwargs)  # type: ignore[arg-type]
        assert OrderEvent.objects.filter(type="OrderCancelled").count() == 1
        raise RuntimeError("the process died after the outbox insert")

    monkeypatch.setattr(cancel_module, "record_order_events", write_then_crash)

    with pytest.raises(RuntimeError):
        cancel_order(split_order, reason="customer changed their mind", actor="cs:maria")

    assert db_state() == before
    assert OrderEvent.objects.filter(type="OrderCancelled").count() == 0
