"""Exchanges: a return whose replacement goods form a new order, with the price difference settled.

The returned goods' value (as their refund would be, without a restocking fee or shipping) is
credit on the replacement order, recorded there through the `exchange` gateway. If the replacement
costs more, the difference is authorised through the original order's gateway and captured like any
order's; if it costs less, the difference is refunded when the return is refunded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from crossdock.db.models import Order, Return
from crossdock.domain.events import OrderEventType
from crossdock.domain.money import Money
from crossdock.domain.orders import Address
from crossdock.domain.payments import PaymentKind
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.payments.execute import execute
from crossdock.services.payments.gateways import EXCHANGE
from crossdock.services.payments.ledger import PaymentMethod, method_of
from crossdock.services.payments.settle import settle_payments
from crossdock.services.returns.commands import ReturnRequest
from crossdock.services.returns.create_return import create_return
from crossdock.services.returns.policy import policy_for
from crossdock.services.returns.receive_return import lock_return
from crossdock.services.returns.refund_maths import refund_for
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft, record_order_events


@dataclass(frozen=True, slots=True)
class ExchangeRequest:
    return_request: ReturnRequest
    replacement: list[PricedLine]
    shipping_address: Address | None = None  # the original order's when not given


@dataclass(frozen=True, slots=True)
class ExchangeResult:
    return_id: int
    replacement_order_id: int
    credit: Decimal
    difference: Decimal  # positive: charged to the customer; negative: refunded with the return


def create_exchange(request: ExchangeRequest, *, actor: str) -> ExchangeResult:
    """Open the return and place the replacement order, in one transaction.

    Raises what create_return and place_order raise (nothing is written when either refuses).
    """
    with transaction.atomic():
        return_id = create_return(request.return_request, actor=actor)
        original = lock_existing_order(request.return_request.order_id)
        return_request = lock_return(return_id)
        credit = refund_for(original, return_request, policy_for(original.channel_id), exchange=True).items
        replacement = _place_replacement(original, return_request, request, actor=actor)
        now = clock.now()
        used = credit.min(Money(Decimal(replacement.total), replacement.currency))
        _pay(original, replacement, return_request, used, actor=actor, now=now)
        return_request.replacement_order, return_request.exchange_credit = replacement, used.amount
        return_request.save(update_fields=["replacement_order", "exchange_credit"])
        difference = Decimal(replacement.total) - credit.amount
        _record(return_request, replacement, credit, difference, actor=actor, now=now)
        return ExchangeResult(return_id, replacement.pk, credit.amount, difference)


def _place_replacement(original: Order, return_request: Return, request: ExchangeRequest, *, actor: str) -> Order:
    customer = original.customer
    order_request = OrderRequest(
        channel=original.channel.code,
        channel_order_id=f"{original.channel_order_id}/{return_request.rma_number}",
        lines=request.replacement,
        currency=original.currency,
        customer=CustomerDetails(
            external_id=customer.external_id if customer else None,
            email=original.customer_email,
            name=original.customer_name,
        ),
        shipping_address=request.shipping_address or _address(original),
    )
    placed = place_order(order_request, actor=actor)
    return lock_existing_order(placed.order_id)


def _address(order: Order) -> Address | None:
    return Address(**order.shipping_address) if order.shipping_address else None


def _pay(
    original: Order, replacement: Order, return_request: Return, credit: Money, *, actor: str, now: datetime
) -> None:
    """The credit, authorised and captured on the replacement; any difference authorised as the original was."""
    if credit.amount > 0:
        method = PaymentMethod(EXCHANGE, return_request.rma_number)
        execute(replacement, PaymentKind.AUTHORISATION, credit, actor=actor, now=now, method=method)
        execute(replacement, PaymentKind.CAPTURE, credit, actor=actor, now=now, method=method)
    owed = Money(Decimal(replacement.total), replacement.currency) - credit
    if owed.amount > 0:
        execute(replacement, PaymentKind.AUTHORISATION, owed, actor=actor, now=now, method=method_of(original))
    settle_payments(replacement, actor=actor, now=now)


def _record(
    return_request: Return, replacement: Order, credit: Money, difference: Decimal, *, actor: str, now: datetime
) -> None:
    data = {
        "replacement_order_id": replacement.pk,
        "credit": str(credit.amount),
        "difference": str(difference),
        "currency": credit.currency,
    }
    record_return_events(
        return_request,
        [EventDraft(OrderEventType.EXCHANGE_CREATED, data)],
        actor=actor,
        at=now,
        topic="exchange.created",
        payload=data,
    )
    record_order_events(
        replacement.pk,
        [EventDraft(OrderEventType.EXCHANGE_CREATED, {**data, "rma_number": return_request.rma_number})],
        actor=actor,
        at=now,
        topic="order.exchange_created",
        payload={"order_id": replacement.pk, "rma_number": return_request.rma_number, **data},
    )
