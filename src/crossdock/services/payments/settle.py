"""Bring an order's payments in line with what it is worth now and what has shipped.

Called after placement, shipment, a hold's release, a cancellation and an edit. In this order:
refund what was taken beyond the order's value; void authorisation no longer needed; authorise more
if the order grew (not for `manual`: the channel reports new authorisations); capture what is due by
the channel's capture policy, unless the order is on hold.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from crossdock.db.models import Order, Payment, Return
from crossdock.domain.money import Money, total
from crossdock.domain.payments import CaptureAt, PaymentKind, PaymentStatus, split_refund
from crossdock.domain.pricing import units_share
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.fulfilled import fulfilled_units
from crossdock.services.orders.pricing import line_amounts
from crossdock.services.payments.execute import execute
from crossdock.services.payments.gateways import MANUAL
from crossdock.services.payments.ledger import (
    PaymentMethod,
    balance_of,
    capture_policy,
    charged,
    method_of,
    refundable_captures,
)


def settle_payments(order: Order, *, actor: str, now: datetime, retry: bool = False) -> None:
    """On a locked order, in the caller's transaction. Gateway declines are recorded, never raised.

    More is authorised only on top of an authorisation that went through, or when asked to `retry`.
    """
    value = Money(Decimal(order.total), order.currency)
    paid = charged(order)
    if paid.amount > value.amount:
        refund(order, paid - value, actor=actor, now=now)
    needed = value - charged(order)
    open_authorisation = balance_of(order).open_authorisation
    if open_authorisation.amount > needed.amount:
        execute(
            order,
            PaymentKind.VOID,
            open_authorisation - needed,
            actor=actor,
            now=now,
            parent=_last_authorisation(order),
        )
    elif needed.amount > open_authorisation.amount and _authorises_itself(order, retry=retry):
        execute(order, PaymentKind.AUTHORISATION, needed - open_authorisation, actor=actor, now=now)
    if not is_on_hold(order.pk):
        capture_due(order, actor=actor, now=now)


def capture_due(order: Order, *, actor: str, now: datetime) -> None:
    """Capture what the policy says is due and not yet taken, as far as the authorisation reaches."""
    value = Money(Decimal(order.total), order.currency)
    target = value if capture_policy(order.channel_id) == CaptureAt.PLACEMENT else fulfilled_value(order)
    owed = (target.min(value) - charged(order)).min(balance_of(order).open_authorisation)
    if owed.amount > 0:
        execute(order, PaymentKind.CAPTURE, owed, actor=actor, now=now, parent=_last_authorisation(order))


def refund(
    order: Order,
    amount: Money,
    *,
    actor: str,
    now: datetime,
    return_request: Return | None = None,
    method: PaymentMethod | None = None,
) -> list[Payment]:
    """Refund `amount` against the captures, newest first, each through the gateway that captured it
    (unless `method` says otherwise). Raises RefundExceedsCaptured."""
    parts = split_refund(amount, refundable_captures(order))
    captures = {p.pk: p for p in order.payments.filter(pk__in=[capture_id for capture_id, _ in parts])}
    return [
        execute(
            order,
            PaymentKind.REFUND,
            part,
            actor=actor,
            now=now,
            parent=captures[capture_id],
            return_request=return_request,
            method=method or PaymentMethod(captures[capture_id].gateway, captures[capture_id].method),
        )
        for capture_id, part in parts
    ]


def fulfilled_value(order: Order) -> Money:
    """What the shipped and collected units are worth, with the shipping charge once anything has gone."""
    units = fulfilled_units(order.pk)
    if not units:
        return Money.zero(order.currency)
    worth = []
    for line in order.lines.all():
        amounts = line_amounts(line, order.currency)
        done = min(units.get(line.pk, 0), line.quantity)
        if done and line.quantity:
            worth.append(units_share(amounts.net, line.quantity, done))
    return total(worth, order.currency) + Money(Decimal(order.shipping_total), order.currency)


def _authorises_itself(order: Order, *, retry: bool) -> bool:
    if method_of(order).gateway == MANUAL:
        return False
    authorisations = order.payments.filter(kind=PaymentKind.AUTHORISATION)
    return authorisations.exists() if retry else authorisations.filter(status=PaymentStatus.SUCCEEDED).exists()


def _last_authorisation(order: Order) -> Payment | None:
    return order.payments.filter(kind=PaymentKind.AUTHORISATION, status=PaymentStatus.SUCCEEDED).order_by("-pk").first()
