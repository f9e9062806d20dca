"""The worker's release round serves every SKU that can be served, however many cannot."""

from __future__ import annotations

import pytest

from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.inventory.blocks import block_stock
from crossdock.services.orders.queries import get_order
from crossdock.services.waiting.release import release_waiting_lines
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SHIP = DeliveryMethod.SHIP
RUNNER, BEANIE = "RETRO-RUNNER-42", "WOOL-BEANIE"


@pytest.fixture
def backorders(network, products) -> None:
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=True))
    set_backorderable([RUNNER, BEANIE], [])


def test_a_sku_whose_free_stock_is_out_of_sale_does_not_hold_up_the_next(backorders, stock, place) -> None:
    runners = place(RequestedLine(RUNNER, 2, SHIP))
    beanies = place(RequestedLine(BEANIE, 3, SHIP))
    stock("WH-NJ", RUNNER, 5)
    stock("WH-NJ", BEANIE, 5)
    block_stock(location="WH-NJ", sku=RUNNER, reason="recall", actor="ops")

    released = release_waiting_lines(clock.now(), limit=1)  # one SKU per look: the runners come first

    assert released == 3
    assert [line.status for line in get_order(beanies).lines] == ["allocated"]
    assert [line.status for line in get_order(runners).lines] == ["backordered"]
