"""Check a cart out: place an order of its lines that takes over the cart's holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from crossdock.db.models import Cart
from crossdock.domain.errors import NotFound
from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import PlacedOrder, place_order


@dataclass(frozen=True, slots=True)
class CheckoutDetails:
    channel_order_id: str
    currency: str = "USD"
    customer: CustomerDetails = field(default_factory=CustomerDetails)
    shipping_address: Address | None = None
    allow_unallocated: bool = False


def checkout_cart(
    cart_id: int, details: CheckoutDetails, *, actor: str, idempotency_key: str | None = None
) -> PlacedOrder:
    """Place the cart's order. Its held units move to the order without ever being free to another buyer;
    anything not held is allocated as for any order. A repeat returns the first order.

    Raises NotFound, CartExpired, IllegalTransition (already checked out into another order, abandoned),
    and whatever place_order raises (nothing written).
    """
    cart = Cart.objects.select_related("channel").filter(pk=cart_id).first()
    if cart is None:
        raise NotFound(f"cart {cart_id} does not exist", field="cart_id")
    lines = [
        PricedLine(
            RequestedLine(
                sku=line.sku,
                quantity=line.quantity,
                delivery_method=DeliveryMethod(line.delivery_method),
                location=line.location.code if line.location else None,
            )
        )
        for line in cart.lines.select_related("location")
    ]
    request = OrderRequest(
        channel=cart.channel.code,
        channel_order_id=details.channel_order_id,
        lines=lines,
        currency=details.currency,
        customer=details.customer,
        shipping_address=details.shipping_address,
        allow_unallocated=details.allow_unallocated,
        cart_id=cart_id,
    )
    return place_order(request, actor=actor, idempotency_key=idempotency_key)
