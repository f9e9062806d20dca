from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Schema, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.orders import CancelIn, OrderIn, OrderOut, OrderPageOut
from crossdock.domain.orders import Address, RequestedLine
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PaymentDetails, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.orders.queries import OrderFilter, get_order, list_orders
from crossdock.services.orders.views import OrderView

router = Router(tags=["orders"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@router.post("/orders", auth=scoped("orders:write"), response={200: OrderOut, 201: OrderOut, **ERRORS})
def create_order(
    request: HttpRequest,
    response: HttpResponse,
    payload: OrderIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=200, pattern=r"^[^\x00]*$"),  # type: ignore[type-arg]
) -> Status[OrderView]:
    """Place an order. Sending it again (same Idempotency-Key or channel_order_id) returns the first one (200)."""
    principal = caller(request)
    placed = place_order(_order_request(payload), actor=principal.actor, idempotency_key=idempotency_key)
    if not placed.created:
        response["Idempotent-Replayed"] = "true"
    return Status(201 if placed.created else 200, get_order(placed.order_id))


@router.get("/orders/{int:order_id}", auth=scoped("orders:read"), response={200: OrderOut, **ERRORS})
def read_order(request: HttpRequest, order_id: int) -> OrderView:
    return get_order(order_id)


class OrderQuery(Schema):
    status: str | None = None
    channel: str | None = None
    customer: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    cursor: str | None = None
    limit: int = 50


@router.get("/orders", auth=scoped("orders:read"), response={200: OrderPageOut, **ERRORS})
def search_orders(request: HttpRequest, query: Query[OrderQuery]) -> object:
    """Newest first; pass `next_cursor` back as `cursor` for the next page."""
    search = OrderFilter(
        status=query.status,
        channel=query.channel,
        customer=query.customer,
        created_after=query.created_after,
        created_before=query.created_before,
    )
    return list_orders(search, cursor=query.cursor, limit=query.limit)


@router.post("/orders/{int:order_id}/cancel", auth=scoped("orders:write"), response={200: OrderOut, **ERRORS})
def cancel(request: HttpRequest, order_id: int, payload: CancelIn) -> OrderView:
    """Cancel the whole order, or the listed line numbers; their stock is released."""
    principal = caller(request)
    cancel_order(order_id, reason=payload.reason, actor=principal.actor, line_numbers=payload.lines)
    return get_order(order_id)


def _order_request(payload: OrderIn) -> OrderRequest:
    address = payload.shipping_address
    return OrderRequest(
        channel=payload.channel,
        channel_order_id=payload.channel_order_id,
        currency=payload.currency,
        customer=CustomerDetails(
            external_id=payload.customer.id,
            email=payload.customer.email,
            name=payload.customer.name,
            phone=payload.customer.phone,
        ),
        shipping_address=Address(**address.model_dump()) if address else None,
        allow_unallocated=payload.allow_unallocated,
        discount=payload.discount,
        shipping_charge=payload.shipping_charge,
        billing_address=Address(**payload.billing_address.model_dump()) if payload.billing_address else None,
        payment=PaymentDetails(**payload.payment.model_dump()) if payload.payment else None,
        lines=[
            PricedLine(
                line=RequestedLine(
                    sku=line.sku,
                    quantity=line.quantity,
                    delivery_method=line.delivery_method,
                    location=line.location,
                    preorder=line.preorder,
                ),
                unit_price=line.unit_price,
            )
            for line in payload.lines
        ],
    )
