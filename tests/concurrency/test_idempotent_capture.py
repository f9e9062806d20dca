"""Invariant 2, idempotency: one order sent at once by several processes is captured once."""

from __future__ import annotations

import pytest
from ledger import out_of_balance, position_books
from racing import CONTENDERS, OK, Race, Stock, postgresql_only, unexpected
from traffic import PlaceOrders, shipped

from crossdock.db.models import Order, OrderEvent, OutboxMessage, Reservation

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RETRIES = 3


@pytest.mark.parametrize("idempotency_key", ["9f1c7e2a-retry-storm", None], ids=["same key", "same channel order id"])
def test_an_order_sent_by_six_processes_at_once_is_captured_once(
    stock: Stock, race: Race, idempotency_key: str | None
) -> None:
    # given plenty of stock, so a duplicate capture would succeed rather than fail on stock
    stock("WH-NJ", "RETRO-RUNNER-42", 50)
    stock("WH-NJ", "TRAIL-JACKET-M", 50)
    order = shipped("MKT-778899", ("RETRO-RUNNER-42", 2), ("TRAIL-JACKET-M", 1))

    # when six processes send it at the same moment, each retrying it twice more
    outcomes = race(
        [PlaceOrders((order,) * RETRIES, idempotency_key=idempotency_key) for _ in range(CONTENDERS)],
    )

    # then everyone gets the one order, created once, with one set of reservations
    surprises = unexpected(outcomes, allowed=set())
    assert not surprises, "\n\n".join(surprises)
    assert len(outcomes) == CONTENDERS * RETRIES
    (order_id,) = Order.objects.values_list("id", flat=True)
    assert {o.order_id for o in outcomes if o.result == OK} == {order_id}
    assert sum(o.created for o in outcomes) == 1
    assert sorted(Reservation.objects.values_list("order_line__line_number", "quantity")) == [(1, 2), (2, 1)]
    assert {(b.sku, b.reserved) for b in position_books()} == {("RETRO-RUNNER-42", 2), ("TRAIL-JACKET-M", 1)}
    assert out_of_balance(position_books()) == []
    # and the capture was recorded once
    assert OrderEvent.objects.filter(type="OrderPlaced").count() == 1
    assert OutboxMessage.objects.filter(topic="order.placed").count() == 1
