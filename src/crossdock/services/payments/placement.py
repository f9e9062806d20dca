"""The payment a new order arrives with: an authorisation the channel reports, or one Crossdock asks for."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from crossdock.db.models import Order
from crossdock.domain.money import Money
from crossdock.domain.payments import PaymentKind, PaymentStatus
from crossdock.domain.pricing import money_at
from crossdock.services.orders.commands import PaymentDetails
from crossdock.services.payments.execute import announce, execute
from crossdock.services.payments.gateways import MANUAL, gateway_named
from crossdock.services.payments.ledger import PaymentMethod, PaymentRecord, append


def authorise_new_order(order: Order, details: PaymentDetails, *, actor: str, now: datetime) -> None:
    """Record the channel's authorisation (manual) or ask the gateway for one; a decline holds the order.

    Raises InvalidInput for an unknown gateway or an amount finer than the currency.
    """
    gateway = gateway_named(details.gateway)
    value = Money(Decimal(order.total), order.currency)
    if gateway.name != MANUAL:
        if value.amount > 0:
            method = PaymentMethod(gateway.name, details.method)
            execute(order, PaymentKind.AUTHORISATION, value, actor=actor, now=now, method=method)
        return
    if not details.reference:
        return
    amount = value
    if details.authorised_amount is not None:
        amount = money_at(details.authorised_amount, order.currency, field="payment.authorised_amount")
    if amount.amount <= 0:
        return
    record = PaymentRecord(
        kind=PaymentKind.AUTHORISATION,
        status=PaymentStatus.SUCCEEDED,
        amount=amount,
        gateway=MANUAL,
        method=details.method,
        reference=details.reference,
    )
    announce(order, append(order, record, actor=actor, now=now), actor=actor, now=now)
