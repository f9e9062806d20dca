"""An order line's status says when its units wait: `backordered` or `preordered` with the date they are
promised for, until the worker has allocated every one of them."""

from __future__ import annotations

from datetime import date

import pytest

from crossdock.db.models import WaitingLine
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.inventory.queue import queued_units
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.waiting.release import release_waiting_lines
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SHIP = DeliveryMethod.SHIP
RUNNER = "RETRO-RUNNER-42"
JULY_1, AUGUST_1 = date(2031, 7, 1), date(2031, 8, 1)


@pytest.fixture
def backorders(network, products) -> None:
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=True))
    set_backorderable([RUNNER], [])


def _po(quantity: int, reference: str, eta: date) -> int:
    return create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, reference, "WH-NJ", [(RUNNER, quantity)], eta=eta))


def _line(order_id: int) -> tuple[str, int, date | None]:
    [line] = get_order(order_id).lines
    return line.status, line.unallocated_quantity, line.promised_on


def _arrive(units: int) -> None:
    adjust_stock([Adjustment("WH-NJ", RUNNER, units, reason="delivery")], actor="wms")


def test_the_promise_is_the_date_of_the_last_unit(backorders, place) -> None:
    _po(2, "PO-1", JULY_1)
    _po(5, "PO-2", AUGUST_1)

    order_id = place(RequestedLine(RUNNER, 4, SHIP))

    assert _line(order_id) == ("backordered", 4, AUGUST_1)


def test_units_no_supply_brings_have_no_promise_date(backorders, place) -> None:
    _po(2, "PO-1", JULY_1)

    order_id = place(RequestedLine(RUNNER, 4, SHIP))

    assert _line(order_id) == ("backordered", 4, None)


def test_a_partly_served_line_stays_backordered_until_its_last_unit_is_allocated(backorders, place) -> None:
    order_id = place(RequestedLine(RUNNER, 5, SHIP))

    _arrive(2)
    release_waiting_lines(clock.now())
    assert _line(order_id) == ("backordered", 3, None)

    _arrive(3)
    release_waiting_lines(clock.now())
    assert _line(order_id) == ("allocated", 0, None)


def test_cancelling_some_waiting_units_takes_them_out_of_the_queue(backorders, place) -> None:
    order_id = place(RequestedLine(RUNNER, 5, SHIP))

    cancel_quantities(order_id, [QuantityCancel(1, 2)], reason="needs fewer", actor="cs")

    assert _line(order_id) == ("backordered", 3, None)
    assert list(WaitingLine.objects.values_list("status", "ordered_quantity", "quantity")) == [("waiting", 3, 3)]
    assert queued_units([RUNNER]) == {RUNNER: 3}


def test_cancelling_every_waiting_unit_of_a_partly_allocated_line_leaves_it_allocated(backorders, stock, place) -> None:
    stock("WH-NJ", RUNNER, 2)
    order_id = place(RequestedLine(RUNNER, 5, SHIP))
    assert _line(order_id) == ("backordered", 3, None)

    cancel_quantities(order_id, [QuantityCancel(1, 3)], reason="will take what is there", actor="cs")

    assert _line(order_id) == ("allocated", 0, None)
    assert list(WaitingLine.objects.values_list("status", "quantity")) == [("cancelled", 0)]
    assert queued_units([RUNNER]) == {}


def test_a_cancelled_backordered_line_is_cancelled_and_owed_nothing(backorders, place) -> None:
    order_id = place(RequestedLine(RUNNER, 2, SHIP))

    cancel_order(order_id, reason="changed my mind", actor="cs")

    assert _line(order_id)[0] == "cancelled"
    assert get_order(order_id).status == "cancelled"
    assert queued_units([RUNNER]) == {}


def test_a_low_count_taking_allocated_units_makes_the_line_unallocated_and_the_queue_still_serves_it(
    backorders, stock, place
) -> None:
    stock("ST-MAN", RUNNER, 2)
    order_id = place(RequestedLine(RUNNER, 5, SHIP))
    assert _line(order_id) == ("backordered", 3, None)

    apply_snapshot("ST-MAN", 1, [CountedStock(RUNNER, 0)], actor="pos")
    assert _line(order_id) == ("unallocated", 5, None)  # 2 units to route again, 3 still queued

    _arrive(3)
    assert release_waiting_lines(clock.now()) == 3
    assert _line(order_id) == ("unallocated", 2, None)
