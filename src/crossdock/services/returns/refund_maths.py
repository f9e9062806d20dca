"""The inputs of a return's refund, read from the order: what each line cost, what came back before."""

from __future__ import annotations

from decimal import Decimal

from crossdock.db.models import Order, Return
from crossdock.domain.money import Money, total
from crossdock.domain.orders import LineStatus
from crossdock.domain.refunds import RefundBreakdown, RefundLine, ShippingTerms, compute_refund
from crossdock.domain.returns import RETAILER_FAULT, ReturnPolicy, ReturnReason, ReturnStatus
from crossdock.services.orders.pricing import line_amounts
from crossdock.services.returns.facts import settled_units


def refund_for(
    order: Order, return_request: Return, policy: ReturnPolicy, *, exchange: bool = False
) -> RefundBreakdown:
    """What this return gives back. An exchange keeps no restocking fee; a line not inspected counts as accepted."""
    before = settled_units(order, exclude=return_request.pk)
    lines = [
        RefundLine(
            key=line.pk,
            line_net=line_amounts(line.order_line, order.currency).net,
            line_quantity=line.order_line.quantity,
            already=before.get(line.order_line_id, 0),
            units=line.quantity,
            accepted=line.accepted is not False,
            fee_applies=not exchange and ReturnReason(line.reason) not in RETAILER_FAULT,
        )
        for line in return_request.lines.select_related("order_line")
    ]
    return compute_refund(
        lines,
        fee_percent=policy.restocking_fee_percent,
        shipping=_shipping_terms(order, return_request, policy, before),
    )


def _shipping_terms(
    order: Order, return_request: Return, policy: ReturnPolicy, before: dict[int, int]
) -> ShippingTerms:
    currency = order.currency
    refunded = Return.objects.filter(order=order, status=ReturnStatus.REFUNDED).exclude(pk=return_request.pk)
    shipping_back = total(
        [Money(Decimal(a), currency) for a in refunded.values_list("shipping_refund", flat=True)], currency
    )
    items_back = total(
        [
            Money(Decimal(r_total or 0) + Decimal(fee) - Decimal(ship), currency)
            for r_total, fee, ship in refunded.values_list("refund_total", "restocking_fee", "shipping_refund")
        ],
        currency,
    )
    live = [line for line in order.lines.all() if line.status != LineStatus.CANCELLED]
    now_back = {line.order_line_id: line.quantity for line in return_request.lines.all()}
    completes = all(before.get(line.pk, 0) + now_back.get(line.pk, 0) >= line.quantity for line in live)
    return ShippingTerms(
        rule=policy.shipping_refund,
        charged=Money(Decimal(order.shipping_total), currency),
        refunded=shipping_back,
        goods=total([line_amounts(line, currency).net for line in live], currency),
        returned_before=items_back,
        completes_order=completes,
    )
