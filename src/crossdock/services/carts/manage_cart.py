"""Open a cart, change its lines, keep it alive, or give it up. Each change holds or releases stock at once."""

from __future__ import annotations

from crossdock.db.models import Cart, CartLine
from crossdock.domain.carts import CART_TRANSITIONS, CartStatus, expiry
from crossdock.domain.errors import CartExpired, IllegalTransition, NotFound
from crossdock.domain.orders import RequestedLine
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.carts.holds import extend_holds, hold_lines, release_holds, with_stock_retries
from crossdock.services.carts.requests import (
    CartRequest,
    ResolvedLines,
    default_ttl_seconds,
    find_cart_channel,
    resolve_cart_lines,
)


def open_cart(request: CartRequest) -> int:
    """Create a cart whose lines each hold their units until the cart expires. Returns its id.

    Raises UnknownChannel, InvalidInput (quantities, stores, ttl_seconds), DuplicateLine, UnknownSku,
    UnknownLocation, CapabilityMissing, StockBlocked, InsufficientStock (nothing written).
    """
    channel = find_cart_channel(request.channel)
    ttl = request.ttl_seconds or default_ttl_seconds()
    expires_at = expiry(clock.now(), ttl)
    resolved = resolve_cart_lines(request.lines)

    def create(lock: bool) -> int:
        now = clock.now()
        cart = Cart.objects.create(
            channel=channel,
            status=CartStatus.OPEN,
            customer_ref=request.customer_ref,
            ttl_seconds=ttl,
            expires_at=expires_at,
            created_at=now,
            updated_at=now,
        )
        hold_lines(cart, _insert_lines(cart, resolved), lock=lock)
        return cart.pk

    return with_stock_retries(create)


def replace_cart_lines(cart_id: int, lines: list[RequestedLine]) -> None:
    """Set the cart's lines to these (an empty list empties it) and extend its life.

    The old holds are released and the new ones taken in one transaction, so no other buyer sees the
    units in between. Raises NotFound, CartExpired, IllegalTransition (checked out or abandoned), and
    what open_cart raises for lines (nothing changes).
    """
    resolved = resolve_cart_lines(lines)

    def replace(lock: bool) -> None:
        cart = lock_open_cart(cart_id)
        release_holds(cart)
        cart.lines.all().delete()
        extend_holds(cart, expiry(clock.now(), cart.ttl_seconds))
        hold_lines(cart, _insert_lines(cart, resolved), lock=lock)
        _touch(cart)

    with_stock_retries(replace)


def extend_cart(cart_id: int) -> None:
    """Activity on the cart: its holds live another time-to-live from now. Raises NotFound, CartExpired,
    IllegalTransition."""

    def extend(lock: bool) -> None:
        cart = lock_open_cart(cart_id)
        extend_holds(cart, expiry(clock.now(), cart.ttl_seconds))
        _touch(cart)

    with_stock_retries(extend)


def abandon_cart(cart_id: int) -> None:
    """Give the cart up and release its holds. Raises NotFound, CartExpired, IllegalTransition."""

    def abandon(lock: bool) -> None:
        cart = lock_open_cart(cart_id)
        release_holds(cart)
        cart.status = check_transition(CART_TRANSITIONS, CartStatus.OPEN, CartStatus.ABANDONED)
        _touch(cart)

    with_stock_retries(abandon)


def lock_open_cart(cart_id: int) -> Cart:
    """The cart, row-locked, if it is still open. Raises NotFound, CartExpired, IllegalTransition."""
    cart = Cart.objects.select_for_update(of=("self",)).select_related("channel").filter(pk=cart_id).first()
    if cart is None:
        raise NotFound(f"cart {cart_id} does not exist", field="cart_id")
    if cart.status == CartStatus.EXPIRED:
        raise CartExpired(f"cart {cart_id} expired and its holds were released", field="cart_id")
    if cart.status != CartStatus.OPEN:
        raise IllegalTransition(f"cart {cart_id} is {cart.status}", field="cart_id")
    return cart


def _insert_lines(cart: Cart, resolved: ResolvedLines) -> list[CartLine]:
    return CartLine.objects.bulk_create(
        CartLine(
            cart=cart,
            line_number=index + 1,
            product=resolved.products[line.sku],
            sku=line.sku,
            quantity=line.quantity,
            delivery_method=line.delivery_method,
            location=resolved.stores.get(line.location or ""),
        )
        for index, line in enumerate(resolved.lines)
    )


def _touch(cart: Cart) -> None:
    cart.updated_at = clock.now()
    cart.save(update_fields=["status", "expires_at", "updated_at"])
