"""Order money: line totals, the order discount apportioned over lines, units of a line priced exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.domain.errors import InvalidInput
from crossdock.domain.money import CurrencyMismatch, Money
from crossdock.domain.pricing import money_at, price_order, units_between, units_share


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def test_a_discount_is_shared_over_the_lines_by_value_to_the_cent() -> None:
    # two runners at 89.90 and a beanie at 19.50, ten dollars off
    amounts = price_order([usd("179.80"), usd("19.50")], discount=usd("10.00"), shipping=usd("4.95"))

    assert [(str(line.gross), str(line.discount), str(line.net)) for line in amounts.lines] == [
        ("179.80 USD", "9.02 USD", "170.78 USD"),
        ("19.50 USD", "0.98 USD", "18.52 USD"),
    ]
    assert (str(amounts.subtotal), str(amounts.total)) == ("199.30 USD", "194.25 USD")


def test_no_discount_leaves_every_line_at_its_gross() -> None:
    amounts = price_order([usd("89.90"), usd("19.50")], discount=usd("0"), shipping=usd("0"))

    assert [str(line.net) for line in amounts.lines] == ["89.90 USD", "19.50 USD"]
    assert str(amounts.total) == "109.40 USD"


def test_a_discount_larger_than_the_goods_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        price_order([usd("19.50")], discount=usd("19.51"), shipping=usd("0"))

    assert raised.value.field == "discount"


def test_shipping_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatch):
        price_order([usd("19.50")], discount=usd("0"), shipping=Money(Decimal("4.95"), "EUR"))


def test_units_of_a_line_take_the_leftover_cents_first() -> None:
    # 3 beanies for 58.49 after discount: 19.50, 19.50, 19.49
    net = usd("58.49")

    assert [str(units_between(net, 3, already=n, units=1)) for n in range(3)] == [
        "19.50 USD",
        "19.50 USD",
        "19.49 USD",
    ]
    assert units_share(net, 3, 3) == net
    assert units_share(net, 3, 0) == usd("0")


def test_asking_for_more_units_than_the_line_has_is_refused() -> None:
    with pytest.raises(InvalidInput):
        units_share(usd("10.00"), 2, 3)


def test_an_amount_finer_than_the_currency_names_the_field() -> None:
    with pytest.raises(InvalidInput) as raised:
        money_at(Decimal("100.50"), "JPY", field="lines[0].unit_price")

    assert raised.value.field == "lines[0].unit_price"
