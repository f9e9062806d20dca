"""What a cancellation does to an order's money and holds, in the cancelling transaction."""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import Order, OrderLine
from crossdock.domain.orders import OrderStatus
from crossdock.services.holds.release_hold import close_holds
from crossdock.services.orders.pricing import settle_totals
from crossdock.services.payments.settle import settle_payments


def settle_cancellation(order: Order, lines: list[OrderLine], *, reason: str, actor: str, now: datetime) -> None:
    """Totals follow the live lines; a cancelled order's holds close; payment is voided or refunded."""
    settle_totals(order, lines)
    order.save(update_fields=["total", "discount_total", "shipping_total"])
    if order.status == OrderStatus.CANCELLED:
        close_holds(order, reason=reason, actor=actor, now=now)
    settle_payments(order, actor=actor, now=now)
