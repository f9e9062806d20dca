"""Screen a new order against the active fraud rules (configuration, see FraudRule)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Q

from crossdock.db.models import FraudRule as FraudRuleRow
from crossdock.db.models import Order
from crossdock.domain.fraud import FraudRule, FraudRuleKind, OrderFacts, RuleHit, evaluate
from crossdock.domain.money import Money

VELOCITY_WINDOW = timedelta(days=1)


def fraud_hits(order: Order, *, now: datetime) -> list[RuleHit]:
    """The active rules (of the order's channel, or of every channel) that the order trips."""
    rules = [
        _rule(row)
        for row in FraudRuleRow.objects.filter(Q(channel__isnull=True) | Q(channel=order.channel_id), active=True)
    ]
    if not rules:
        return []
    kinds = {rule.kind for rule in rules}
    facts = OrderFacts(
        total=Money(Decimal(order.total), order.currency),
        first_order=FraudRuleKind.FIRST_ORDER in kinds and _first_order(order),
        billing_country=_country(order.billing_address),
        shipping_country=_country(order.shipping_address),
        orders_to_address_in_a_day=_orders_to_address(order, now) if FraudRuleKind.ADDRESS_VELOCITY in kinds else 0,
    )
    return evaluate(rules, facts)


def _rule(row: FraudRuleRow) -> FraudRule:
    return FraudRule(
        code=row.code, kind=FraudRuleKind(row.kind), amount=row.amount, currency=row.currency, limit=row.limit
    )


def _first_order(order: Order) -> bool:
    """No earlier order from this customer (by customer id, else by e-mail); an anonymous order counts as first."""
    if order.customer_id is not None:
        earlier = Order.objects.filter(customer_id=order.customer_id)
    elif order.customer_email:
        earlier = Order.objects.filter(customer_email__iexact=order.customer_email)
    else:
        return True
    return not earlier.exclude(pk=order.pk).exists()


def _country(address: dict[str, object] | None) -> str | None:
    return str(address["country"]) if address and address.get("country") else None


def _orders_to_address(order: Order, now: datetime) -> int:
    """Orders shipped to the same street address in the last 24 hours, this one included."""
    address = order.shipping_address
    if not address:
        return 0
    key = _street(address)
    candidates = Order.objects.filter(
        created_at__gte=now - VELOCITY_WINDOW,
        shipping_address__country=address.get("country"),
        shipping_address__postcode=address.get("postcode"),
    ).values_list("shipping_address", flat=True)
    return sum(1 for other in candidates if other and _street(other) == key)


def _street(address: dict[str, object]) -> str:
    return " ".join(str(address.get("line1", "")).lower().split())
