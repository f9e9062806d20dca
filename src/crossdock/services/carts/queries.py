"""Reading a cart: its lines and where each line's units are held."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from crossdock.db.models import Cart, Reservation
from crossdock.domain.errors import NotFound


@dataclass(frozen=True, slots=True)
class HeldUnits:
    location: str
    quantity: int


@dataclass(frozen=True, slots=True)
class CartLineView:
    line_number: int
    sku: str
    quantity: int
    delivery_method: str
    location: str | None
    held_quantity: int
    held: list[HeldUnits]


@dataclass(frozen=True, slots=True)
class CartView:
    id: int
    channel: str
    status: str
    customer_ref: str
    expires_at: datetime
    order_id: int | None
    lines: list[CartLineView]


def get_cart(cart_id: int) -> CartView:
    """The cart with its lines and holds. Raises NotFound."""
    cart = Cart.objects.select_related("channel").filter(pk=cart_id).first()
    if cart is None:
        raise NotFound(f"cart {cart_id} does not exist", field="cart_id")
    held: dict[int, list[HeldUnits]] = defaultdict(list)
    rows = Reservation.objects.filter(cart_line__cart=cart).order_by("position__location__code")
    for line_id, code, quantity in rows.values_list("cart_line_id", "position__location__code", "quantity"):
        held[line_id].append(HeldUnits(code, quantity))
    return CartView(
        id=cart.pk,
        channel=cart.channel.code,
        status=cart.status,
        customer_ref=cart.customer_ref,
        expires_at=cart.expires_at,
        order_id=cart.order_id,
        lines=[
            CartLineView(
                line_number=line.line_number,
                sku=line.sku,
                quantity=line.quantity,
                delivery_method=line.delivery_method,
                location=line.location.code if line.location else None,
                held_quantity=sum(h.quantity for h in held[line.pk]),
                held=held[line.pk],
            )
            for line in cart.lines.select_related("location")
        ],
    )
