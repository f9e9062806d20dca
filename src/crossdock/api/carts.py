"""Carts for the web shop and the POS: each line holds its units until the cart expires or is checked out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.carts import CartIn, CartLineIn, CartLinesIn, CartOut, CheckoutIn
from crossdock.api.schemas.orders import OrderOut
from crossdock.domain.orders import Address, RequestedLine
from crossdock.services.carts.checkout import CheckoutDetails, checkout_cart
from crossdock.services.carts.manage_cart import abandon_cart, extend_cart, open_cart, replace_cart_lines
from crossdock.services.carts.queries import CartView, get_cart
from crossdock.services.carts.requests import CartRequest
from crossdock.services.orders.commands import CustomerDetails
from crossdock.services.orders.queries import get_order
from crossdock.services.orders.views import OrderView

router = Router(tags=["carts"])


@router.post("/carts", auth=scoped("orders:write"), response={201: CartOut, **ERRORS})
def create_cart(request: HttpRequest, payload: CartIn) -> Status[CartView]:
    """Open a cart; every line holds its units (refused with 409 if they are not there)."""
    cart_id = open_cart(
        CartRequest(
            channel=payload.channel,
            lines=_lines(payload.lines),
            customer_ref=payload.customer_ref,
            ttl_seconds=payload.ttl_seconds,
        )
    )
    return Status(201, get_cart(cart_id))


@router.get("/carts/{int:cart_id}", auth=scoped("orders:read"), response={200: CartOut, **ERRORS})
def read_cart(request: HttpRequest, cart_id: int) -> CartView:
    return get_cart(cart_id)


@router.put("/carts/{int:cart_id}/lines", auth=scoped("orders:write"), response={200: CartOut, **ERRORS})
def put_cart_lines(request: HttpRequest, cart_id: int, payload: CartLinesIn) -> CartView:
    """Replace the lines (and their holds); the cart lives another time-to-live."""
    replace_cart_lines(cart_id, _lines(payload.lines))
    return get_cart(cart_id)


@router.post("/carts/{int:cart_id}/extend", auth=scoped("orders:write"), response={200: CartOut, **ERRORS})
def extend(request: HttpRequest, cart_id: int) -> CartView:
    """Activity on the cart: its holds live another time-to-live from now."""
    extend_cart(cart_id)
    return get_cart(cart_id)


@router.delete("/carts/{int:cart_id}", auth=scoped("orders:write"), response={204: None, **ERRORS})
def abandon(request: HttpRequest, cart_id: int) -> Status[None]:
    abandon_cart(cart_id)
    return Status(204, None)


@router.post(
    "/carts/{int:cart_id}/checkout", auth=scoped("orders:write"), response={200: OrderOut, 201: OrderOut, **ERRORS}
)
def checkout(
    request: HttpRequest,
    response: HttpResponse,
    cart_id: int,
    payload: CheckoutIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=200, pattern=r"^[^\x00]*$"),  # type: ignore[type-arg]
) -> Status[OrderView]:
    """Place the cart's order; its held units become the order's reservations with no gap in between."""
    customer = payload.customer
    details = CheckoutDetails(
        channel_order_id=payload.channel_order_id,
        currency=payload.currency,
        customer=CustomerDetails(
            external_id=customer.id, email=customer.email, name=customer.name, phone=customer.phone
        ),
        shipping_address=Address(**payload.shipping_address.model_dump()) if payload.shipping_address else None,
        allow_unallocated=payload.allow_unallocated,
    )
    placed = checkout_cart(cart_id, details, actor=caller(request).actor, idempotency_key=idempotency_key)
    if not placed.created:
        response["Idempotent-Replayed"] = "true"
    return Status(201 if placed.created else 200, get_order(placed.order_id))


def _lines(lines: list[CartLineIn]) -> list[RequestedLine]:
    return [RequestedLine(line.sku, line.quantity, line.delivery_method, line.location) for line in lines]
