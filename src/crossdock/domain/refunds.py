"""Refund maths: what a return gives back, computed from what was paid.

Each line's paid amount (its price less its share of the order discount) is split over its units
(`pricing.units_share`); a return takes the next units in that sequence, so partial returns add up
exactly to the whole. Shipping comes back by the policy's rule; a restocking fee may be kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

from crossdock.domain.money import Money, quantum, total
from crossdock.domain.pricing import units_between
from crossdock.domain.returns import ShippingRefund


@dataclass(frozen=True, slots=True)
class RefundLine:
    key: int
    line_net: Money  # what the order line cost, all its units
    line_quantity: int
    already: int  # units of the line settled by earlier returns
    units: int  # units in this return
    accepted: bool = True  # a rejected line gives nothing back
    fee_applies: bool = False  # the customer's choice, not the retailer's fault

    @property
    def amount(self) -> Money:
        if not self.accepted:
            return Money.zero(self.line_net.currency)
        return units_between(self.line_net, self.line_quantity, already=self.already, units=self.units)


@dataclass(frozen=True, slots=True)
class ShippingTerms:
    rule: ShippingRefund
    charged: Money  # the order's shipping charge
    refunded: Money  # shipping already given back
    goods: Money  # the value of every live unit of the order
    returned_before: Money  # goods value refunded before this return
    completes_order: bool  # after this return every live unit is back


@dataclass(frozen=True, slots=True)
class RefundBreakdown:
    lines: dict[int, Money]
    items: Money
    restocking_fee: Money
    shipping: Money

    @property
    def total(self) -> Money:
        return self.items - self.restocking_fee + self.shipping


def compute_refund(lines: Sequence[RefundLine], *, fee_percent: Decimal, shipping: ShippingTerms) -> RefundBreakdown:
    """What this return refunds, line by line, less the fee, plus shipping by rule."""
    currency = shipping.charged.currency
    amounts = {line.key: line.amount for line in lines}
    items = total(list(amounts.values()), currency)
    feeable = total([amounts[line.key] for line in lines if line.fee_applies], currency)
    return RefundBreakdown(
        lines=amounts,
        items=items,
        restocking_fee=restocking_fee(feeable, fee_percent),
        shipping=shipping_refund(shipping, items_now=items),
    )


def shipping_refund(terms: ShippingTerms, *, items_now: Money) -> Money:
    """The shipping to give back with this return; over all returns it never exceeds the charge."""
    currency = terms.charged.currency
    if terms.rule == ShippingRefund.NEVER:
        return Money.zero(currency)
    if terms.completes_order:
        due = terms.charged
    elif terms.rule == ShippingRefund.FULL_RETURN or terms.goods.amount <= 0:
        due = Money.zero(currency)
    else:
        returned = (terms.returned_before + items_now).amount
        share = terms.charged.amount * returned / terms.goods.amount
        due = Money(min(share, terms.charged.amount).quantize(quantum(currency), rounding=ROUND_DOWN), currency)
    left = due - terms.refunded
    return Money.zero(currency) if left.is_negative() else left


def restocking_fee(amount: Money, percent: Decimal) -> Money:
    """`percent` of `amount`, rounded half-even to the minor unit."""
    value = (amount.amount * percent / 100).quantize(quantum(amount.currency), rounding=ROUND_HALF_EVEN)
    return Money(value, amount.currency)
