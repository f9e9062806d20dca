"""Refund an inspected return through the order's gateway, once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from crossdock.db.models import Order, Payment, Return, ReturnLine
from crossdock.domain.errors import IllegalTransition, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.money import Money, total
from crossdock.domain.payments import PaymentDeclined, PaymentKind, PaymentStatus, RefundExceedsCaptured
from crossdock.domain.refunds import RefundBreakdown
from crossdock.domain.returns import RETURN_TRANSITIONS, ReturnStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.payments.gateways import EXCHANGE
from crossdock.services.payments.ledger import PaymentMethod, balance_of
from crossdock.services.payments.settle import refund
from crossdock.services.returns.policy import policy_for
from crossdock.services.returns.receive_return import lock_return
from crossdock.services.returns.refund_maths import refund_for
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft


@dataclass(frozen=True, slots=True)
class RefundOutcome:
    amount: Decimal
    declined: str = ""


def refund_return(return_id: int, *, actor: str) -> Decimal:
    """Refund what the inspected return is worth and return the amount; the return becomes `refunded`.

    Raises NotFound; IllegalTransition (not inspected yet, or already refunded: a return is refunded
    once, however many ask at the same time); RefundExceedsCaptured (more than was captured and not
    yet refunded; nothing written); PaymentDeclined (the gateway refused: the failure is recorded on
    the order and the return stays `inspected`, to be refunded again).
    """
    order_id = Return.objects.filter(pk=return_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        outcome = _refund(order, lock_return(return_id), actor=actor, now=clock.now())
    if outcome.declined:
        raise PaymentDeclined(outcome.declined, field="return_id")
    return outcome.amount


def _refund(order: Order, return_request: Return, *, actor: str, now: datetime) -> RefundOutcome:
    status = ReturnStatus(return_request.status)
    if status == ReturnStatus.REFUNDED:
        raise IllegalTransition(f"{return_request.rma_number} was already refunded", field="return_id")
    check_transition(RETURN_TRANSITIONS, status, ReturnStatus.REFUNDED, field="return_id")
    exchange = return_request.replacement_order_id is not None
    breakdown = refund_for(order, return_request, policy_for(order.channel_id), exchange=exchange)
    owed = breakdown.total - total(list(_refunded_for(order, return_request).values()), order.currency)
    refundable = balance_of(order).refundable
    if owed.amount > refundable.amount:
        raise RefundExceedsCaptured(
            f"{return_request.rma_number} is worth {breakdown.total}; only {refundable} is captured and not refunded",
            field="amount",
        )
    payments = _execute(order, return_request, breakdown.total, actor=actor, now=now)
    failed = [p for p in payments if p.status == PaymentStatus.FAILED]
    if failed:
        return RefundOutcome(Decimal(0), declined=f"the gateway declined the refund: {failed[0].message}")
    _settle(return_request, breakdown, actor=actor, now=now)
    return RefundOutcome(breakdown.total.amount)


def _execute(order: Order, return_request: Return, amount: Money, *, actor: str, now: datetime) -> list[Payment]:
    """An exchange's credit goes to its replacement order (no money moves); the rest to the customer.

    What earlier attempts for this return already refunded is not refunded again.
    """
    done = _refunded_for(order, return_request)
    credit = Money(Decimal(return_request.exchange_credit or 0), order.currency).min(amount)
    payments: list[Payment] = []
    credit_left = credit - done.get(EXCHANGE, Money.zero(order.currency))
    if credit_left.amount > 0:
        method = PaymentMethod(EXCHANGE, return_request.rma_number)
        payments += refund(order, credit_left, actor=actor, now=now, return_request=return_request, method=method)
    others = sum((m for gateway, m in done.items() if gateway != EXCHANGE), Money.zero(order.currency))
    rest = amount - credit - others
    if rest.amount > 0:
        payments += refund(order, rest, actor=actor, now=now, return_request=return_request)
    return payments


def _refunded_for(order: Order, return_request: Return) -> dict[str, Money]:
    done: dict[str, Money] = {}
    for gateway, amount in order.payments.filter(
        return_request=return_request, kind=PaymentKind.REFUND, status=PaymentStatus.SUCCEEDED
    ).values_list("gateway", "amount"):
        done[gateway] = done.get(gateway, Money.zero(order.currency)) + Money(Decimal(amount), order.currency)
    return done


def _settle(return_request: Return, breakdown: RefundBreakdown, *, actor: str, now: datetime) -> None:
    lines = list(return_request.lines.all())
    for line in lines:
        line.refund_amount = breakdown.lines[line.pk].amount
    ReturnLine.objects.bulk_update(lines, ["refund_amount"])
    return_request.status = ReturnStatus.REFUNDED
    return_request.refund_total = breakdown.total.amount
    return_request.restocking_fee = breakdown.restocking_fee.amount
    return_request.shipping_refund = breakdown.shipping.amount
    return_request.updated_at = now
    return_request.save(update_fields=["status", "refund_total", "restocking_fee", "shipping_refund", "updated_at"])
    data = {
        "items": str(breakdown.items.amount),
        "restocking_fee": str(breakdown.restocking_fee.amount),
        "shipping": str(breakdown.shipping.amount),
        "total": str(breakdown.total.amount),
        "currency": breakdown.total.currency,
    }
    record_return_events(
        return_request,
        [EventDraft(OrderEventType.RETURN_REFUNDED, data)],
        actor=actor,
        at=now,
        topic="return.refunded",
        payload=data,
    )
