"""Money on orders: an order-level discount apportioned over lines, a shipping charge, line totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.domain.errors import InvalidInput
from crossdock.services.orders.queries import get_order


def test_a_discount_is_apportioned_over_the_lines_and_shipping_is_added(plenty, order_of) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 2), ("WOOL-BEANIE", 1), discount="10.00", shipping="4.95")

    order = get_order(order_id)

    assert (order.subtotal, order.discount_total, order.shipping_total, order.total) == (
        Decimal("199.30"),
        Decimal("10.00"),
        Decimal("4.95"),
        Decimal("194.25"),
    )
    assert [(line.sku, line.discount, line.line_total) for line in order.lines] == [
        ("RETRO-RUNNER-42", Decimal("9.02"), Decimal("170.78")),
        ("WOOL-BEANIE", Decimal("0.98"), Decimal("18.52")),
    ]


def test_an_order_without_discount_or_shipping_costs_its_lines(plenty, order_of) -> None:
    order = get_order(order_of(("TRAIL-JACKET-M", 1)))

    assert (order.total, order.discount_total, order.shipping_total) == (Decimal("149.00"), 0, 0)
    assert [line.line_total for line in order.lines] == [Decimal("149.00")]


def test_a_discount_larger_than_the_goods_is_refused_and_nothing_is_written(plenty, order_of, db_state) -> None:
    before = db_state()

    with pytest.raises(InvalidInput) as raised:
        order_of(("WOOL-BEANIE", 1), discount="19.51")

    assert raised.value.field == "discount"
    assert db_state() == before


def test_a_price_given_on_the_line_is_what_the_discount_is_shared_over(plenty, order_of) -> None:
    order_id = order_of(
        ("RETRO-RUNNER-42", 1), ("WOOL-BEANIE", 1), discount="1.00", prices={"RETRO-RUNNER-42": "79.90"}
    )

    assert [(line.unit_price, line.discount) for line in get_order(order_id).lines] == [
        (Decimal("79.90"), Decimal("0.80")),
        (Decimal("19.50"), Decimal("0.20")),
    ]
