"""Money on orders: pricing a request at placement and re-pricing an order after it changes."""

from __future__ import annotations

from decimal import Decimal

from crossdock.db.models import Order, OrderLine
from crossdock.domain.money import Money, apportion, total
from crossdock.domain.orders import LineStatus
from crossdock.domain.pricing import LineAmounts, OrderAmounts, money_at, price_order
from crossdock.services.orders.commands import OrderRequest
from crossdock.services.orders.references import References


def request_amounts(request: OrderRequest, references: References) -> OrderAmounts:
    """The order's money as requested. Raises InvalidInput (field named), CurrencyMismatch."""
    currency = request.currency
    grosses = []
    for index, priced in enumerate(request.lines):
        price = references.products[priced.line.sku].price if priced.unit_price is None else priced.unit_price
        unit = money_at(price, currency, field=f"lines[{index}].unit_price")
        grosses.append(unit.times(priced.line.quantity))
    return price_order(
        grosses,
        discount=money_at(request.discount, currency, field="discount"),
        shipping=money_at(request.shipping_charge, currency, field="shipping_charge"),
    )


def line_amounts(line: OrderLine, currency: str) -> LineAmounts:
    """What a line costs now (zero once cancelled)."""
    if line.status == LineStatus.CANCELLED:
        return LineAmounts(Money.zero(currency), Money.zero(currency))
    gross = Money(Decimal(line.unit_price), currency).times(line.quantity)
    return LineAmounts(gross, Money(Decimal(line.discount), currency))


def settle_totals(order: Order, lines: list[OrderLine]) -> None:
    """Set the order's discount, shipping and total from its live lines; nothing live, nothing charged.

    The caller saves the order.
    """
    amounts = [line_amounts(line, order.currency) for line in lines]
    live = any(line.status != LineStatus.CANCELLED for line in lines)
    discount = total([a.discount for a in amounts], order.currency)
    shipping = Money(Decimal(order.shipping_total), order.currency) if live else Money.zero(order.currency)
    subtotal = total([a.gross for a in amounts], order.currency)
    order.discount_total = discount.amount
    order.shipping_total = shipping.amount
    order.total = (subtotal - discount + shipping).amount


def reapportion_discount(order: Order, open_lines: list[OrderLine], fixed: list[OrderLine]) -> None:
    """Spread what is left of the order discount over the open lines again, after an edit.

    `fixed` lines (fulfilled) keep their share. The discount never exceeds the goods it applies to.
    Sets `discount` on the open lines; the caller saves them and settles the totals.
    """
    currency = order.currency
    kept = total([Money(Decimal(line.discount), currency) for line in fixed], currency)
    grosses = [Money(Decimal(line.unit_price), currency).times(line.quantity) for line in open_lines]
    room = total(grosses, currency) if grosses else Money.zero(currency)
    left = (Money(Decimal(order.discount_total), currency) - kept).min(room)
    if left.is_negative() or not grosses:
        left = Money.zero(currency)
    shares = apportion(left, [gross.amount for gross in grosses]) if grosses else []
    for line, share in zip(open_lines, shares, strict=True):
        line.discount = share.amount
