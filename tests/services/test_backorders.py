"""Backorders: where the channel and the SKU allow it, a line without stock waits for supply with a
promise date, and the worker allocates it — first come first served within priority — when stock arrives."""

from __future__ import annotations

from datetime import date

import pytest

from crossdock.db.models import Customer, WaitingLine
from crossdock.domain.errors import InsufficientStock
from crossdock.domain.holds import HoldKind
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.holds.release_hold import release_hold
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.receive_supply import receive_supply
from crossdock.services.waiting.queue_view import sku_queue
from crossdock.services.waiting.release import release_waiting_lines
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SHIP = DeliveryMethod.SHIP
RUNNER, BEANIE = "RETRO-RUNNER-42", "WOOL-BEANIE"
JULY_1 = date(2031, 7, 1)


@pytest.fixture
def backorders(network, products) -> None:
    """The web may backorder runners."""
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=True))
    set_backorderable([RUNNER], [])


def _po(quantity: int, *, reference: str = "PO-1", eta: date | None = JULY_1, sku: str = RUNNER) -> int:
    return create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, reference, "WH-NJ", [(sku, quantity)], eta=eta))


def _waiting() -> list[tuple[int, str, str, int, date | None]]:
    return list(
        WaitingLine.objects.order_by("id").values_list(
            "order_line__order_id", "kind", "status", "quantity", "promise_date"
        )
    )


def test_a_line_without_stock_is_backordered_with_the_next_supplys_date(backorders, place) -> None:
    _po(10)

    order = get_order(place(RequestedLine(RUNNER, 3, SHIP)))

    assert [(line.status, line.unallocated_quantity, line.promised_on) for line in order.lines] == [
        ("backordered", 3, JULY_1)
    ]
    assert _waiting() == [(order.id, "backorder", "waiting", 3, JULY_1)]
    [event] = [e for e in order.timeline if e.type == "LinesBackordered"]
    assert event.data == {"lines": {"1": {"quantity": 3, "promise_date": "2031-07-01"}}}


def test_only_the_shortfall_is_backordered(backorders, stock, place, position) -> None:
    stock("WH-NJ", RUNNER, 2)

    order = get_order(place(RequestedLine(RUNNER, 5, SHIP)))

    assert [(line.status, line.unallocated_quantity, line.promised_on) for line in order.lines] == [
        ("backordered", 3, None)
    ]
    assert position("WH-NJ", RUNNER).reserved == 2
    assert _waiting() == [(order.id, "backorder", "waiting", 3, None)]


def test_without_the_channels_or_the_skus_consent_a_line_without_stock_fails(backorders, place, db_state) -> None:
    before = db_state()

    with pytest.raises(InsufficientStock):
        place(RequestedLine(BEANIE, 1, SHIP))
    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, SHIP), channel="store")

    assert db_state() == before


def test_a_category_may_be_backorderable(backorders, place, products) -> None:
    products[BEANIE].category = "hats"
    products[BEANIE].save()
    set_backorderable([], ["hats"])

    order = get_order(place(RequestedLine(BEANIE, 1, SHIP)))

    assert [line.status for line in order.lines] == ["backordered"]
    assert _waiting()[0][1:4] == ("backorder", "waiting", 1)


def test_a_receipt_releases_backorders_once(backorders, place, position) -> None:
    supply_id = _po(10)
    order_id = place(RequestedLine(RUNNER, 3, SHIP))
    receive_supply(supply_id, "DN-1", [(RUNNER, 10)], actor="wms")

    assert release_waiting_lines(clock.now()) == 3
    assert release_waiting_lines(clock.now()) == 0

    order = get_order(order_id)
    assert [(line.status, line.unallocated_quantity) for line in order.lines] == [("allocated", 0)]
    assert [(f.location, f.status, f.lines[0].quantity) for f in order.fulfilments] == [("WH-NJ", "assigned", 3)]
    assert position("WH-NJ", RUNNER).reserved == 3
    assert _waiting() == [(order_id, "backorder", "released", 0, JULY_1)]
    assert "WaitingLineReleased" in [e.type for e in order.timeline]


def test_received_units_are_kept_for_the_queue_until_the_worker_allocates_them(backorders, stock, place) -> None:
    supply_id = _po(3)
    waiting_order = place(RequestedLine(RUNNER, 3, SHIP))
    receive_supply(supply_id, "DN-1", [(RUNNER, 3)], actor="wms")

    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, SHIP), channel="store")  # the store channel may not backorder

    assert release_waiting_lines(clock.now()) == 3
    assert [line.status for line in get_order(waiting_order).lines] == ["allocated"]


def test_the_queue_is_served_first_come_first_served_within_priority(backorders, place) -> None:
    Customer.objects.create(external_id="C-VIP", tier="vip")
    first = place(RequestedLine(RUNNER, 2, SHIP))
    second = place(RequestedLine(RUNNER, 2, SHIP))
    vip = place(RequestedLine(RUNNER, 2, SHIP), customer=CustomerDetails(external_id="C-VIP"))

    adjust_stock([Adjustment("WH-NJ", RUNNER, 3, reason="found in the back")], actor="ops")
    release_waiting_lines(clock.now())

    unallocated = {order_id: get_order(order_id).lines[0].unallocated_quantity for order_id in (first, second, vip)}
    assert unallocated == {vip: 0, first: 1, second: 2}


def test_a_snapshot_releases_backorders_too(backorders, place) -> None:
    order_id = place(RequestedLine(RUNNER, 2, SHIP))

    apply_snapshot("ST-MAN", 1, [CountedStock(RUNNER, 5)], actor="pos")
    release_waiting_lines(clock.now())

    assert [(f.location, f.lines[0].quantity) for f in get_order(order_id).fulfilments] == [("ST-MAN", 2)]


def test_a_cancelled_backorder_leaves_the_queue_and_takes_nothing(backorders, place, position) -> None:
    order_id = place(RequestedLine(RUNNER, 2, SHIP))
    cancel_order(order_id, reason="changed my mind", actor="cs")
    adjust_stock([Adjustment("WH-NJ", RUNNER, 5, reason="delivery")], actor="ops")

    assert release_waiting_lines(clock.now()) == 0

    assert _waiting() == [(order_id, "backorder", "cancelled", 2, None)]
    assert position("WH-NJ", RUNNER).reserved == 0


def test_the_queue_shows_what_waits_and_what_is_coming(backorders, place) -> None:
    _po(5, reference="PO-1", eta=JULY_1)
    _po(7, reference="PO-2", eta=date(2031, 8, 1))
    first = place(RequestedLine(RUNNER, 2, SHIP), channel_order_id="W-1")
    place(RequestedLine(RUNNER, 4, SHIP), channel_order_id="W-2")

    queue = sku_queue(RUNNER)

    assert queue.summary == "6 backordered / 5 arriving on 2031-07-01"
    assert (queue.backordered, queue.preordered, queue.owed_from_stock) == (6, 0, 0)
    assert [(e.order_id, e.quantity, e.promise_date) for e in queue.queue][:1] == [(first, 2, JULY_1)]
    assert [(e.quantity, e.promise_date) for e in queue.queue] == [(2, JULY_1), (3, JULY_1), (1, date(2031, 8, 1))]
    assert [(a.reference, a.open, a.promised) for a in queue.arriving] == [("PO-1", 5, 5), ("PO-2", 7, 1)]


def test_a_backorder_released_while_its_order_is_on_hold_waits_held(backorders, place) -> None:
    order_id = place(RequestedLine(RUNNER, 2, SHIP))
    hold_id = hold_order(order_id, kind=HoldKind.MANUAL, reason="customer asked to wait", actor="cs")

    apply_snapshot("ST-MAN", 1, [CountedStock(RUNNER, 5)], actor="pos")
    release_waiting_lines(clock.now())

    assert [(f.location, f.status) for f in get_order(order_id).fulfilments] == [("ST-MAN", "held")]
    release_hold(order_id, hold_id, reason="go ahead", actor="cs")
    assert [(f.location, f.status) for f in get_order(order_id).fulfilments] == [("ST-MAN", "assigned")]
