"""Record what an external payment system reports for an order (the `manual` gateway)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from crossdock.db.models import Order, Payment
from crossdock.domain.errors import InvalidInput
from crossdock.domain.holds import HoldKind
from crossdock.domain.money import CurrencyMismatch, Money
from crossdock.domain.payments import PaymentKind, PaymentStatus
from crossdock.domain.pricing import money_at
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order, put_on_hold
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.holds.release_hold import release_payment_holds
from crossdock.services.payments.execute import announce
from crossdock.services.payments.gateways import MANUAL
from crossdock.services.payments.ledger import PaymentRecord, append, balance_of
from crossdock.services.payments.settle import capture_due

TAKES_MONEY = (PaymentKind.AUTHORISATION, PaymentKind.CAPTURE)


@dataclass(frozen=True, slots=True)
class PaymentReport:
    kind: PaymentKind
    amount: Decimal
    currency: str
    reference: str
    succeeded: bool = True
    message: str = ""
    method: str = ""


def record_payment(order_id: int, report: PaymentReport, *, actor: str) -> int:
    """Append the reported payment to the order's ledger and return its id.

    A failed authorisation or capture puts the order on a payment hold; a successful one lifts it.
    Raises NotFound, InvalidInput (amount, currency code, no reference), CurrencyMismatch,
    ExceedsAuthorised (capture or void beyond the open authorisation), RefundExceedsCaptured.
    """
    if not report.reference.strip():
        raise InvalidInput("a reported payment needs the payment system's reference", field="reference")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        amount = _amount(order, report)
        status = PaymentStatus.SUCCEEDED if report.succeeded else PaymentStatus.FAILED
        if report.succeeded:
            balance_of(order).check(report.kind, amount)
        now = clock.now()
        record = PaymentRecord(
            kind=report.kind,
            status=status,
            amount=amount,
            gateway=MANUAL,
            method=report.method,
            reference=report.reference,
            message=report.message,
            parent_id=_parent(order, report.kind),
        )
        payment = append(order, record, actor=actor, now=now)
        announce(order, payment, actor=actor, now=now)
        _follow_up(order, report, actor=actor, now=now)
        return payment.pk


def _amount(order: Order, report: PaymentReport) -> Money:
    amount = money_at(report.amount, report.currency, field="amount")
    if amount.currency != order.currency:
        raise CurrencyMismatch(f"the order is in {order.currency}, the payment in {amount.currency}", field="currency")
    if amount.amount <= 0:
        raise InvalidInput("a payment amount must be positive", field="amount")
    return amount


def _parent(order: Order, kind: PaymentKind) -> int | None:
    parent_kind = PaymentKind.CAPTURE if kind == PaymentKind.REFUND else PaymentKind.AUTHORISATION
    if kind == PaymentKind.AUTHORISATION:
        return None
    parent: Payment | None = (
        order.payments.filter(kind=parent_kind, status=PaymentStatus.SUCCEEDED).order_by("-pk").first()
    )
    return parent.pk if parent else None


def _follow_up(order: Order, report: PaymentReport, *, actor: str, now: datetime) -> None:
    if report.kind not in TAKES_MONEY:
        return
    if not report.succeeded:
        reason = f"{report.kind} failed: {report.message or 'reported by the payment system'}"
        put_on_hold(order, kind=HoldKind.PAYMENT, reason=reason, actor=actor, now=now)
        return
    release_payment_holds(order, reason=f"{report.kind} {report.reference} succeeded", actor=actor, now=now)
    if not is_on_hold(order.pk):
        capture_due(order, actor=actor, now=now)
