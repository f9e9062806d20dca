"""What after-sales writes, for the `db_state` fixture: a refused request must change none of it."""

from __future__ import annotations

from typing import Any

from crossdock.db.models import (
    FraudRule,
    Order,
    OrderHold,
    OrderLine,
    Payment,
    PaymentPolicy,
    Return,
    ReturnEvent,
    ReturnLine,
    ReturnPolicy,
)

TABLES = [Payment, PaymentPolicy, OrderHold, FraudRule, Return, ReturnLine, ReturnEvent, ReturnPolicy]


def after_sales_state() -> dict[str, Any]:
    return {
        **{model.__name__: model.objects.count() for model in TABLES},
        "order_money": sorted(Order.objects.values_list("id", "total", "discount_total", "shipping_total")),
        "line_money": sorted(OrderLine.objects.values_list("id", "quantity", "discount", "cancelled_quantity")),
        "holds": sorted(OrderHold.objects.values_list("id", "status")),
        "returns": sorted(Return.objects.values_list("id", "status", "received_at_location_id", "refund_total")),
        "return_lines": sorted(ReturnLine.objects.values_list("id", "disposition", "refund_amount")),
        "payments": sorted(Payment.objects.values_list("id", "kind", "status", "amount")),
    }
