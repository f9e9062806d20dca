"""Reading orders: one order in full, and searches with cursor pagination."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TypedDict

from crossdock.db.models import FulfilmentOrder, Order
from crossdock.domain.errors import InvalidInput, NotFound
from crossdock.domain.orders import WAITING_LINE_STATUSES
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.pricing import line_amounts
from crossdock.services.orders.views import (
    EventView,
    FulfilmentLineView,
    FulfilmentView,
    LineView,
    OrderSummary,
    OrderView,
)
from crossdock.services.waiting.lines import promised_on

MAX_PAGE = 200


def get_order(order_id: int) -> OrderView:
    """The order with its lines, fulfilment orders and timeline. Raises NotFound."""
    order = Order.objects.select_related("channel", "customer").filter(pk=order_id).first()
    if order is None:
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    lines = list(order.lines.select_related("location"))
    promises = promised_on([line.pk for line in lines if line.status in WAITING_LINE_STATUSES])
    fulfilments = (
        FulfilmentOrder.objects.filter(order=order)
        .select_related("location", "destination_location")
        .prefetch_related("lines__order_line")
    )
    return OrderView(
        **_summary_fields(order),
        shipping_address=order.shipping_address,
        billing_address=order.billing_address,
        subtotal=sum((line_amounts(line, order.currency).gross.amount for line in lines), Decimal(0)),
        discount_total=order.discount_total,
        shipping_total=order.shipping_total,
        on_hold=is_on_hold(order.pk),
        lines=[
            LineView(
                id=line.pk,
                line_number=line.line_number,
                sku=line.sku,
                quantity=line.quantity,
                unit_price=line.unit_price,
                delivery_method=line.delivery_method,
                location=line.location.code if line.location else None,
                status=line.status,
                unallocated_quantity=line.unallocated_quantity,
                discount=line.discount,
                line_total=line_amounts(line, order.currency).net.amount,
                cancelled_quantity=line.cancelled_quantity,
                promised_on=promises.get(line.pk),
            )
            for line in lines
        ],
        fulfilments=[_fulfilment_view(f) for f in fulfilments],
        timeline=[
            EventView(type=e.type, actor=e.actor, reason=e.reason, data=e.data, at=e.created_at)
            for e in order.events.all()
        ],
    )


def _fulfilment_view(fulfilment: FulfilmentOrder) -> FulfilmentView:
    return FulfilmentView(
        id=fulfilment.pk,
        location=fulfilment.location.code,
        delivery_method=fulfilment.delivery_method,
        status=fulfilment.status,
        lines=[
            FulfilmentLineView(line_number=fl.order_line.line_number, sku=fl.order_line.sku, quantity=fl.quantity)
            for fl in fulfilment.lines.all()
        ],
        ships_to=fulfilment.destination_location.code if fulfilment.destination_location else None,
    )


class SummaryFields(TypedDict):
    id: int
    channel: str
    channel_order_id: str
    status: str
    customer_id: str | None
    customer_email: str
    currency: str
    total: Decimal
    created_at: datetime


def _summary_fields(order: Order) -> SummaryFields:
    return {
        "id": order.pk,
        "channel": order.channel.code,
        "channel_order_id": order.channel_order_id,
        "status": order.status,
        "customer_id": order.customer.external_id if order.customer else None,
        "customer_email": order.customer_email,
        "currency": order.currency,
        "total": order.total,
        "created_at": order.created_at,
    }


@dataclass(frozen=True, slots=True)
class OrderFilter:
    status: str | None = None
    channel: str | None = None
    customer: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class OrderPage:
    items: list[OrderSummary]
    next_cursor: str | None


def list_orders(search: OrderFilter, *, cursor: str | None = None, limit: int = 50) -> OrderPage:
    """Newest first. `cursor` continues a previous page. Raises InvalidInput for a bad cursor or limit."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be between 1 and {MAX_PAGE}", field="limit")
    query = Order.objects.select_related("channel", "customer").order_by("-id")
    if search.status:
        query = query.filter(status=search.status)
    if search.channel:
        query = query.filter(channel__code=search.channel)
    if search.customer:
        query = query.filter(customer__external_id=search.customer)
    if search.created_after:
        query = query.filter(created_at__gte=search.created_after)
    if search.created_before:
        query = query.filter(created_at__lt=search.created_before)
    if cursor:
        query = query.filter(id__lt=decode_cursor(cursor))
    rows = list(query[: limit + 1])
    items = [OrderSummary(**_summary_fields(order)) for order in rows[:limit]]
    next_cursor = encode_cursor(rows[limit - 1].pk) if len(rows) > limit else None
    return OrderPage(items=items, next_cursor=next_cursor)


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"o:{last_id}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        prefix, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        if prefix != "o":
            raise ValueError(prefix)
        return int(value)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("cursor is not one this API gave out", field="cursor") from None
