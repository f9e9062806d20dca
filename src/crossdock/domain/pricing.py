"""What an order costs: line totals, the order discount apportioned over lines, shipping.

Every amount is `Money`; every split is exact to the minor unit, so parts always add up to the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from crossdock.domain.errors import InvalidInput
from crossdock.domain.money import CurrencyMismatch, Money, apportion, quantum, total


@dataclass(frozen=True, slots=True)
class LineAmounts:
    """One line: its price × quantity (`gross`), its share of the order discount, and what is paid."""

    gross: Money
    discount: Money

    @property
    def net(self) -> Money:
        return self.gross - self.discount


@dataclass(frozen=True, slots=True)
class OrderAmounts:
    lines: tuple[LineAmounts, ...]
    discount: Money
    shipping: Money

    @property
    def subtotal(self) -> Money:
        return total([line.gross for line in self.lines], self.shipping.currency)

    @property
    def total(self) -> Money:
        return self.subtotal - self.discount + self.shipping


def price_order(grosses: Sequence[Money], *, discount: Money, shipping: Money) -> OrderAmounts:
    """Apportion `discount` over the lines in proportion to their gross. Raises InvalidInput, CurrencyMismatch."""
    if discount.is_negative():
        raise InvalidInput("a discount cannot be negative", field="discount")
    if shipping.is_negative():
        raise InvalidInput("a shipping charge cannot be negative", field="shipping_charge")
    subtotal = total(list(grosses), discount.currency) if grosses else Money.zero(discount.currency)
    if discount.amount > subtotal.amount:
        raise InvalidInput(f"the discount {discount} is more than the goods ({subtotal})", field="discount")
    if shipping.currency != discount.currency:
        raise CurrencyMismatch(f"shipping in {shipping.currency}, discount in {discount.currency}", field="currency")
    shares = apportion(discount, [gross.amount for gross in grosses]) if grosses else []
    lines = tuple(LineAmounts(gross, share) for gross, share in zip(grosses, shares, strict=True))
    return OrderAmounts(lines=lines, discount=discount, shipping=shipping)


def units_share(net: Money, quantity: int, units: int) -> Money:
    """What the first `units` of a line's `quantity` units cost, out of `net` for all of them.

    The same split as `apportion(net, [1] * quantity)` (equal shares, the leftover minor units to the
    earliest units), in closed form. `units_share(net, q, a + b) - units_share(net, q, a)` is the
    price of units a+1 … a+b, so any sequence of partial returns or cancellations adds up to `net`.
    """
    if quantity <= 0 or not 0 <= units <= quantity:
        raise InvalidInput(f"{units} of {quantity} units is not a part of the line", field="quantity")
    step = quantum(net.currency)
    sign = -1 if net.is_negative() else 1
    each = (abs(net.amount) / quantity).quantize(step, rounding=ROUND_DOWN)
    leftover_units = int((abs(net.amount) - each * quantity) / step)
    return Money(sign * (each * units + step * min(units, leftover_units)), net.currency)


def units_between(net: Money, quantity: int, *, already: int, units: int) -> Money:
    """The price of units `already`+1 … `already`+`units` of the line."""
    return units_share(net, quantity, already + units) - units_share(net, quantity, already)


def money_at(amount: Decimal, currency: str, *, field: str) -> Money:
    """`amount` as Money, or InvalidInput naming `field` when the currency has fewer decimals."""
    try:
        return Money(amount, currency)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=field) from None
