"""A pre-order window may carry a launch (`release_not_before`): its pre-orders are promised no earlier, and
the worker never allocates them before it — even when the stock is already in the warehouse."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crossdock.domain.errors import InvalidInput
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.receive_supply import receive_supply
from crossdock.services.waiting.release import release_waiting_lines
from crossdock.services.waiting.settings import list_preorder_windows, open_preorder_window

JACKET = "TRAIL-JACKET-M"
SUPPLY_DUE = date(2031, 9, 1)
LAUNCH = datetime(2031, 10, 1, 8, 0, tzinfo=clock.now().tzinfo)


@pytest.fixture
def launch_window(network, products) -> int:
    """Pre-orders open now; the jacket launches on 1 October 2031, its supply is due a month earlier."""
    now = clock.now()
    open_preorder_window(
        JACKET, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=6), cap=8, release_not_before=LAUNCH
    )
    return create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-LAUNCH", "WH-NJ", [(JACKET, 10)], eta=SUPPLY_DUE))


def _preorder(place, quantity: int) -> int:  # type: ignore[no-untyped-def]
    return place(RequestedLine(JACKET, quantity, DeliveryMethod.SHIP, preorder=True))  # type: ignore[no-any-return]


def test_a_preorder_is_promised_for_the_launch_not_the_earlier_supply(launch_window, place) -> None:
    order = get_order(_preorder(place, 3))

    assert [(line.status, line.promised_on) for line in order.lines] == [("preordered", date(2031, 10, 1))]
    [window] = list_preorder_windows(JACKET)
    assert (window.release_not_before, window.preordered) == (LAUNCH, 3)


def test_stock_received_before_the_launch_waits_for_it(launch_window, place, position) -> None:
    order_id = _preorder(place, 3)
    receive_supply(launch_window, "DN-1", [(JACKET, 10)], actor="wms")

    assert release_waiting_lines(LAUNCH - timedelta(minutes=1)) == 0
    assert position("WH-NJ", JACKET).reserved == 0
    assert [line.status for line in get_order(order_id).lines] == ["preordered"]

    assert release_waiting_lines(LAUNCH) == 3
    assert position("WH-NJ", JACKET).reserved == 3
    assert [line.status for line in get_order(order_id).lines] == ["allocated"]


def test_a_launch_before_the_window_opens_is_refused_and_writes_nothing(network, products, db_state) -> None:
    before = db_state()
    now = clock.now()

    with pytest.raises(InvalidInput) as refused:
        open_preorder_window(
            JACKET,
            starts_at=now,
            ends_at=now + timedelta(days=6),
            cap=8,
            release_not_before=now - timedelta(days=1),
        )

    assert refused.value.field == "release_not_before"
    assert db_state() == before
