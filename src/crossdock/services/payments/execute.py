"""Ask the order's gateway to move money, and record its answer in the ledger and on the timeline.

A declined authorisation or a failed capture puts the order on a payment hold.
"""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import Order, Payment, Return
from crossdock.domain.events import OrderEventType
from crossdock.domain.holds import HoldKind
from crossdock.domain.money import Money
from crossdock.domain.payments import GatewayRequest, PaymentKind, PaymentStatus
from crossdock.services.holds.place_hold import put_on_hold
from crossdock.services.payments.gateways import gateway_named
from crossdock.services.payments.ledger import PaymentMethod, PaymentRecord, append, method_of
from crossdock.services.timeline import EventDraft, record_order_events

HOLDS_ON_FAILURE = (PaymentKind.AUTHORISATION, PaymentKind.CAPTURE)


def execute(
    order: Order,
    kind: PaymentKind,
    amount: Money,
    *,
    actor: str,
    now: datetime,
    parent: Payment | None = None,
    return_request: Return | None = None,
    method: PaymentMethod | None = None,
) -> Payment:
    """One gateway operation on a locked order, recorded whatever the answer. Never raises for a decline."""
    method = method or method_of(order)
    gateway = gateway_named(method.gateway)
    key = f"order-{order.pk}:{kind}:{order.payments.count() + 1}"
    request = GatewayRequest(order.pk, kind, amount, method.method, key, parent.reference if parent else "")
    operations = {
        PaymentKind.AUTHORISATION: gateway.authorise,
        PaymentKind.CAPTURE: gateway.capture,
        PaymentKind.REFUND: gateway.refund,
        PaymentKind.VOID: gateway.void,
    }
    result = operations[kind](request)
    status = PaymentStatus.SUCCEEDED if result.succeeded else PaymentStatus.FAILED
    record = PaymentRecord(
        kind=kind,
        status=status,
        amount=amount,
        gateway=gateway.name,
        method=method.method,
        reference=result.reference,
        message=result.message,
        parent_id=parent.pk if parent else None,
        return_request=return_request,
    )
    payment = append(order, record, actor=actor, now=now)
    announce(order, payment, actor=actor, now=now)
    if not result.succeeded and kind in HOLDS_ON_FAILURE:
        put_on_hold(order, kind=HoldKind.PAYMENT, reason=f"{kind} failed: {result.message}", actor=actor, now=now)
    return payment


def announce(order: Order, payment: Payment, *, actor: str, now: datetime) -> None:
    """The payment on the order's timeline and in the outbox."""
    succeeded = payment.status == PaymentStatus.SUCCEEDED
    data = {
        "payment_id": payment.pk,
        "kind": payment.kind,
        "status": payment.status,
        "amount": str(payment.amount),
        "currency": payment.currency,
        "gateway": payment.gateway,
        "reference": payment.reference,
    }
    record_order_events(
        order.pk,
        [
            EventDraft(
                OrderEventType.PAYMENT_RECORDED if succeeded else OrderEventType.PAYMENT_FAILED,
                data,
                reason=payment.message,
            )
        ],
        actor=actor,
        at=now,
        topic=f"payment.{payment.kind}" if succeeded else "payment.failed",
        payload={"order_id": order.pk, **data},
    )
