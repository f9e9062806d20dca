"""Properties of the after-sales money: parts always add up to the whole, to the cent."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from crossdock.domain.errors import DomainError
from crossdock.domain.money import Money, apportion, total
from crossdock.domain.payments import PaymentBalance, PaymentEntry, PaymentKind, PaymentStatus, split_refund
from crossdock.domain.pricing import price_order, units_between, units_share

cents = st.integers(min_value=0, max_value=10_000_000)
currencies = st.sampled_from(["USD", "EUR", "JPY", "GBP"])


def money(units: int, currency: str) -> Money:
    exponent = 0 if currency == "JPY" else -2
    return Money(Decimal(units).scaleb(exponent), currency)


@given(currency=currencies, line_cents=st.lists(cents, min_size=1, max_size=20), data=st.data())
def test_apportioned_discounts_sum_to_the_order_discount(currency: str, line_cents: list[int], data) -> None:  # type: ignore[no-untyped-def]
    grosses = [money(c, currency) for c in line_cents]
    discount = money(data.draw(st.integers(min_value=0, max_value=sum(line_cents))), currency)

    amounts = price_order(grosses, discount=discount, shipping=money(0, currency))

    assert total([line.discount for line in amounts.lines], currency) == discount
    assert all(not line.discount.is_negative() and not line.net.is_negative() for line in amounts.lines)
    assert amounts.total == total(grosses, currency) - discount


@given(currency=currencies, net_cents=cents, quantity=st.integers(min_value=1, max_value=500), data=st.data())
def test_partial_returns_of_a_line_sum_to_the_full_return(currency: str, net_cents: int, quantity: int, data) -> None:  # type: ignore[no-untyped-def]
    net = money(net_cents, currency)
    # any way of cutting the line's units into consecutive returns
    cuts = (
        sorted(data.draw(st.sets(st.integers(min_value=1, max_value=quantity - 1), max_size=10)))
        if quantity > 1
        else []
    )
    bounds = [0, *cuts, quantity]

    parts = [units_between(net, quantity, already=a, units=b - a) for a, b in itertools.pairwise(bounds)]

    assert total(parts, currency) == net
    assert all(not part.is_negative() for part in parts)


@settings(deadline=None)
@given(net_cents=cents, quantity=st.integers(min_value=1, max_value=200))
def test_the_closed_form_unit_split_is_the_apportion_split(net_cents: int, quantity: int) -> None:
    net = money(net_cents, "USD")
    running = list(itertools.accumulate(apportion(net, [1] * quantity), initial=Money.zero("USD")))

    assert [units_share(net, quantity, n) for n in range(quantity + 1)] == running


operations = st.lists(
    st.tuples(st.sampled_from(list(PaymentKind)), st.integers(min_value=1, max_value=50_000)), max_size=40
)


@given(steps=operations)
def test_refunds_never_exceed_captures(steps: list[tuple[PaymentKind, int]]) -> None:
    entries: list[PaymentEntry] = []
    for kind, amount_cents in steps:
        amount = money(amount_cents, "USD")
        balance = PaymentBalance.of(entries, "USD")
        try:
            balance.check(kind, amount)
        except DomainError:  # refused: the ledger stays as it was
            continue
        entries.append(PaymentEntry(kind, PaymentStatus.SUCCEEDED, amount))
        after = PaymentBalance.of(entries, "USD")
        assert after.refunded.amount <= after.captured.amount
        assert after.captured.amount + after.voided.amount <= after.authorised.amount


@given(capture_cents=st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=6), data=st.data())
def test_a_refund_split_over_captures_adds_up_and_fits_each(capture_cents: list[int], data) -> None:  # type: ignore[no-untyped-def]
    captures = [(index + 1, money(c, "USD")) for index, c in enumerate(capture_cents)]
    amount = money(data.draw(st.integers(min_value=1, max_value=sum(capture_cents))), "USD")

    parts = split_refund(amount, captures)

    assert total([part for _, part in parts], "USD") == amount
    available = dict(captures)
    assert all(0 < part.amount <= available[capture_id].amount for capture_id, part in parts)
