"""Fraud rules as configuration, evaluated against the facts of a new order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from crossdock.domain.errors import InvalidInput
from crossdock.domain.money import Money


class FraudRuleKind(StrEnum):
    ORDER_VALUE_ABOVE = "order_value_above"
    FIRST_ORDER = "first_order"
    COUNTRY_MISMATCH = "country_mismatch"
    ADDRESS_VELOCITY = "address_velocity"


@dataclass(frozen=True, slots=True)
class FraudRule:
    code: str
    kind: FraudRuleKind
    amount: Decimal | None = None  # order_value_above: the threshold …
    currency: str = ""  # … in this currency (orders in others are not compared)
    limit: int | None = None  # address_velocity: more than `limit` orders to one address in 24 hours


@dataclass(frozen=True, slots=True)
class OrderFacts:
    total: Money
    first_order: bool
    billing_country: str | None
    shipping_country: str | None
    orders_to_address_in_a_day: int  # including this one


@dataclass(frozen=True, slots=True)
class RuleHit:
    code: str
    kind: FraudRuleKind
    explanation: str


def check_rule(rule: FraudRule) -> None:
    """Raise InvalidInput when a rule lacks the setting its kind needs."""
    if rule.kind == FraudRuleKind.ORDER_VALUE_ABOVE and (rule.amount is None or rule.amount < 0 or not rule.currency):
        raise InvalidInput("order_value_above needs a non-negative amount and a currency", field="amount")
    if rule.kind == FraudRuleKind.ADDRESS_VELOCITY and (rule.limit is None or rule.limit < 1):
        raise InvalidInput("address_velocity needs a limit of at least 1", field="limit")


def evaluate(rules: Sequence[FraudRule], facts: OrderFacts) -> list[RuleHit]:
    """The rules the order trips, in the order given; each hit says why."""
    hits = []
    for rule in rules:
        explanation = _explain(rule, facts)
        if explanation:
            hits.append(RuleHit(rule.code, rule.kind, explanation))
    return hits


def _explain(rule: FraudRule, facts: OrderFacts) -> str:
    if rule.kind == FraudRuleKind.ORDER_VALUE_ABOVE:
        above = rule.currency == facts.total.currency and rule.amount is not None and facts.total.amount > rule.amount
        return f"order value {facts.total} is above {rule.amount} {rule.currency}" if above else ""
    if rule.kind == FraudRuleKind.FIRST_ORDER:
        return "first order of a new customer" if facts.first_order else ""
    if rule.kind == FraudRuleKind.COUNTRY_MISMATCH:
        billing, shipping = facts.billing_country, facts.shipping_country
        mismatch = bool(billing and shipping and billing != shipping)
        return f"billing country {billing} differs from shipping country {shipping}" if mismatch else ""
    limit = rule.limit or 0
    count = facts.orders_to_address_in_a_day
    return f"{count} orders to this address within 24 hours (more than {limit})" if count > limit else ""
