"""Cancelling part of a line: stock released unit for unit, money given back exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from after_sales_fixtures import PENN_STATION
from crossdock.db.models import OutboxMessage, PaymentPolicy, Reservation
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities
from crossdock.services.orders.commands import OrderRequest, PaymentDetails, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.orders.queries import get_order
from crossdock.services.payments.queries import get_payments


def test_cancelling_some_units_releases_exactly_those_units(plenty, order_of, position) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 3))

    cancel_quantities(order_id, [QuantityCancel(1, 2)], reason="customer wants one", actor="cs:maria")

    line = get_order(order_id).lines[0]
    assert (line.quantity, line.cancelled_quantity, line.status, line.line_total) == (
        1,
        2,
        "allocated",
        Decimal("149.00"),
    )
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 1
    assert list(Reservation.objects.values_list("quantity", flat=True)) == [1]
    assert [[(fl.line_number, fl.quantity) for fl in f.lines] for f in get_order(order_id).fulfilments] == [[(1, 1)]]
    event = get_order(order_id).timeline[-1]
    assert (event.type, event.data, event.reason) == (
        "QuantitiesCancelled",
        {"lines": [{"line": 1, "quantity": 2}]},
        "customer wants one",
    )
    assert OutboxMessage.objects.filter(topic="order.quantities_cancelled").count() == 1


def test_the_refund_of_cancelled_units_is_their_share_after_discount(plenty, order_of, channels) -> None:
    PaymentPolicy.objects.create(channel=channels["web"], capture_at="placement")
    # 3 beanies at 19.50 with 0.01 off: the units cost 19.50, 19.50 and 19.49
    order_id = order_of(("WOOL-BEANIE", 3), discount="0.01", payment=PaymentDetails(gateway="test"))

    cancel_quantities(order_id, [QuantityCancel(1, 1)], reason="one too many", actor="cs:maria")
    cancel_quantities(order_id, [QuantityCancel(1, 2)], reason="none wanted", actor="cs:maria")

    refunds = [p.amount for p in get_payments(order_id).payments if p.kind == "refund"]
    assert refunds == [Decimal("19.49"), Decimal("39.00")]
    assert sum(refunds) == Decimal("58.49")
    order = get_order(order_id)
    assert (order.status, order.total, order.lines[0].status) == ("cancelled", Decimal("0.00"), "cancelled")


def test_cancelling_every_unit_cancels_the_line_and_its_fulfilment(plenty, order_of, position) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 2), ("WOOL-BEANIE", 1))

    cancel_quantities(order_id, [QuantityCancel(1, 2)], reason="no jackets", actor="cs:maria")

    order = get_order(order_id)
    assert [line.status for line in order.lines] == ["cancelled", "allocated"]
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 0


def test_unallocated_units_go_first(stock, order_of, position, channels) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 1)

    order_id = place_order(
        OrderRequest(
            channel="web",
            channel_order_id="BO-1",
            shipping_address=PENN_STATION,
            allow_unallocated=True,
            lines=[PricedLine(RequestedLine("TRAIL-JACKET-M", 3, DeliveryMethod.SHIP))],
        ),
        actor="test",
    ).order_id

    cancel_quantities(order_id, [QuantityCancel(1, 2)], reason="backorder not wanted", actor="cs:maria")

    line = get_order(order_id).lines[0]
    assert (line.quantity, line.unallocated_quantity, line.status) == (1, 0, "allocated")
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 1


@pytest.mark.parametrize(
    ("cancels", "error", "field"),
    [
        ([QuantityCancel(1, 4)], InvalidInput, "lines[0].quantity"),
        ([QuantityCancel(1, 0)], InvalidInput, "lines[0].quantity"),
        ([QuantityCancel(7, 1)], InvalidInput, "lines[0].line"),
        ([QuantityCancel(1, 1), QuantityCancel(1, 1)], InvalidInput, "lines"),
    ],
    ids=["more than the line has", "zero", "unknown line", "a line twice"],
)
def test_bad_quantities_are_refused_and_nothing_is_written(plenty, order_of, db_state, cancels, error, field) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 3))
    before = db_state()

    with pytest.raises(error) as raised:
        cancel_quantities(order_id, cancels, reason="r", actor="cs:maria")

    assert raised.value.field == field
    assert db_state() == before


def test_a_fulfilled_line_cannot_be_cancelled(plenty, order_of, ship_all, db_state) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 3))
    ship_all(order_id)
    before = db_state()

    with pytest.raises(IllegalTransition):
        cancel_quantities(order_id, [QuantityCancel(1, 1)], reason="too late", actor="cs:maria")

    assert db_state() == before


def test_cancelling_a_collected_order_is_refused_and_changes_nothing(plenty, order_of, ship_all, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "pickup", "ST-BKN"))
    ship_all(order_id)
    assert get_order(order_id).fulfilments[0].status == "collected"
    before = db_state()

    with pytest.raises(IllegalTransition):
        cancel_order(order_id, reason="changed mind", actor="cs:maria")

    assert db_state() == before
