"""Money: Decimal amounts with a currency, rounded to the currency's minor unit. Never float."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

from crossdock.domain.errors import DomainError, InvalidInput

# ISO 4217 currencies whose minor unit is not the cent.
MINOR_UNIT_EXPONENT = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "BHD": 3, "KWD": 3, "OMR": 3, "TND": 3}


class CurrencyMismatch(DomainError):
    code = "currency_mismatch"


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNIT_EXPONENT.get(currency, 2))


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise InvalidInput(f"{self.currency!r} is not an ISO 4217 currency code", field="currency")
        if self.amount != self.amount.quantize(quantum(self.currency)):
            raise InvalidInput(f"{self.amount} has more decimals than {self.currency} allows", field="amount")

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        """Round half-even to the currency's minor unit."""
        return cls(Decimal(amount).quantize(quantum(currency), rounding=ROUND_HALF_EVEN), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls.of(0, currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.amount * quantity, self.currency)

    def min(self, other: Money) -> Money:
        self._same_currency(other)
        return self if self.amount <= other.amount else other

    def is_negative(self) -> bool:
        return self.amount < 0

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}", field="currency")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def total(amounts: Sequence[Money], currency: str) -> Money:
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


def apportion(amount: Money, weights: Sequence[Decimal | int]) -> list[Money]:
    """Split `amount` in proportion to `weights`, to the minor unit, summing exactly to `amount`.

    Largest-remainder method: every share is rounded down, then the leftover minor units go to
    the shares with the largest remainders (earlier shares first on a tie).
    """
    if not weights:
        raise InvalidInput("nothing to apportion over", field="weights")
    if any(Decimal(w) < 0 for w in weights):
        raise InvalidInput("weights cannot be negative", field="weights")
    weight_sum = sum((Decimal(w) for w in weights), Decimal(0))
    if weight_sum == 0:
        weights, weight_sum = [1] * len(weights), Decimal(len(weights))
    step = quantum(amount.currency)
    sign = -1 if amount.is_negative() else 1
    magnitude = abs(amount.amount)
    exact = [magnitude * Decimal(w) / weight_sum for w in weights]
    floors = [share.quantize(step, rounding=ROUND_DOWN) for share in exact]
    leftover_units = int((magnitude - sum(floors, Decimal(0))) / step)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:leftover_units]:
        floors[index] += step
    return [Money(sign * share, amount.currency) for share in floors]
