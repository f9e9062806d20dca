"""Reading an order's payments: the ledger and its balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from crossdock.db.models import Order
from crossdock.domain.errors import NotFound
from crossdock.services.payments.ledger import balance_of, capture_policy, method_of


@dataclass(frozen=True, slots=True)
class PaymentView:
    id: int
    kind: str
    status: str
    amount: Decimal
    currency: str
    gateway: str
    reference: str
    message: str
    parent_id: int | None
    return_id: int | None
    actor: str
    at: datetime


@dataclass(frozen=True, slots=True)
class PaymentsView:
    order_id: int
    currency: str
    gateway: str
    capture_at: str
    order_total: Decimal
    authorised: Decimal
    captured: Decimal
    refunded: Decimal
    voided: Decimal
    open_authorisation: Decimal
    payments: list[PaymentView]


def get_payments(order_id: int) -> PaymentsView:
    """The order's payment records, oldest first, and its balance. Raises NotFound."""
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    balance = balance_of(order)
    return PaymentsView(
        order_id=order.pk,
        currency=order.currency,
        gateway=method_of(order).gateway,
        capture_at=capture_policy(order.channel_id),
        order_total=order.total,
        authorised=balance.authorised.amount,
        captured=balance.captured.amount,
        refunded=balance.refunded.amount,
        voided=balance.voided.amount,
        open_authorisation=balance.open_authorisation.amount,
        payments=[
            PaymentView(
                id=p.pk,
                kind=p.kind,
                status=p.status,
                amount=p.amount,
                currency=p.currency,
                gateway=p.gateway,
                reference=p.reference,
                message=p.message,
                parent_id=p.parent_id,
                return_id=p.return_request_id,
                actor=p.actor,
                at=p.created_at,
            )
            for p in order.payments.all()
        ],
    )
