"""An order's payment records: reading its balance and appending to its ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from crossdock.db.models import Order, Payment, PaymentPolicy, Return
from crossdock.domain.money import Money, total
from crossdock.domain.payments import CaptureAt, PaymentBalance, PaymentEntry, PaymentKind, PaymentStatus
from crossdock.services.payments.gateways import MANUAL


@dataclass(frozen=True, slots=True)
class PaymentMethod:
    gateway: str
    method: str = ""


def balance_of(order: Order) -> PaymentBalance:
    rows = order.payments.values_list("kind", "status", "amount")
    entries = [PaymentEntry(PaymentKind(k), PaymentStatus(s), Money(Decimal(a), order.currency)) for k, s, a in rows]
    return PaymentBalance.of(entries, order.currency)


def charged(order: Order) -> Money:
    """Money taken for the goods and shipping still sold: captures less refunds that were not for returns."""
    refunds = order.payments.filter(
        kind=PaymentKind.REFUND, status=PaymentStatus.SUCCEEDED, return_request__isnull=True
    ).values_list("amount", flat=True)
    given_back = total([Money(Decimal(a), order.currency) for a in refunds], order.currency)
    return balance_of(order).captured - given_back


def refundable_captures(order: Order) -> list[tuple[int, Money]]:
    """Each succeeded capture with what is left to refund against it."""
    captures = {
        pk: Money(Decimal(amount), order.currency)
        for pk, amount in order.payments.filter(kind=PaymentKind.CAPTURE, status=PaymentStatus.SUCCEEDED).values_list(
            "pk", "amount"
        )
    }
    for parent_id, amount in order.payments.filter(
        kind=PaymentKind.REFUND, status=PaymentStatus.SUCCEEDED, parent__isnull=False
    ).values_list("parent_id", "amount"):
        if parent_id in captures:
            captures[parent_id] = captures[parent_id] - Money(Decimal(amount), order.currency)
    return [(pk, left) for pk, left in captures.items() if left.amount > 0]


def method_of(order: Order) -> PaymentMethod:
    """How the order pays: the gateway and method of its first authorisation, else manual."""
    first = order.payments.filter(kind=PaymentKind.AUTHORISATION).values_list("gateway", "method").first()
    return PaymentMethod(*first) if first else PaymentMethod(MANUAL)


def capture_policy(channel_id: int) -> CaptureAt:
    found = PaymentPolicy.objects.filter(channel_id=channel_id).values_list("capture_at", flat=True).first()
    return CaptureAt(found) if found else CaptureAt.SHIPMENT


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    kind: PaymentKind
    status: PaymentStatus
    amount: Money
    gateway: str
    method: str = ""
    reference: str = ""
    message: str = ""
    parent_id: int | None = None
    return_request: Return | None = None


def append(order: Order, record: PaymentRecord, *, actor: str, now: datetime) -> Payment:
    return Payment.objects.create(
        order=order,
        kind=record.kind,
        status=record.status,
        amount=record.amount.amount,
        currency=record.amount.currency,
        gateway=record.gateway,
        method=record.method,
        reference=record.reference,
        message=record.message[:500],
        parent_id=record.parent_id,
        return_request=record.return_request,
        actor=actor,
        created_at=now,
    )
