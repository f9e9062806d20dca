"""Carts: each line holds its units (a soft reservation) until the cart is checked out, expires or is given up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crossdock.db.models import Cart, Reservation
from crossdock.domain.errors import (
    CartExpired,
    DomainError,
    IllegalTransition,
    InsufficientStock,
    InvalidInput,
    NotFound,
    StockBlocked,
    UnknownSku,
)
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.carts.checkout import CheckoutDetails, checkout_cart
from crossdock.services.carts.expiry import release_expired_cart_holds
from crossdock.services.carts.manage_cart import abandon_cart, extend_cart, open_cart, replace_cart_lines
from crossdock.services.carts.queries import HeldUnits, get_cart
from crossdock.services.carts.requests import CartRequest
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.inventory.blocks import block_stock
from crossdock.services.inventory.channel_controls import BufferSetting, ChannelControls, set_channel_controls
from crossdock.services.orders.queries import get_order

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
RUNNER, BEANIE = "RETRO-RUNNER-42", "WOOL-BEANIE"


def _cart(*lines: RequestedLine, ttl_seconds: int | None = None, channel: str = "web") -> int:
    return open_cart(CartRequest(channel=channel, lines=list(lines), customer_ref="ada", ttl_seconds=ttl_seconds))


def _checkout(cart_id: int, nyc_address, reference: str = "W-CART-1") -> int:
    return checkout_cart(
        cart_id, CheckoutDetails(channel_order_id=reference, shipping_address=nyc_address), actor="test"
    ).order_id


def test_a_cart_line_holds_its_units_for_the_time_to_live(stock, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    stock("ST-BKN", BEANIE, 2)
    before = clock.now()

    cart = get_cart(_cart(RequestedLine(RUNNER, 2, SHIP), RequestedLine(BEANIE, 1, PICKUP, "ST-BKN")))

    assert cart.status == "open"
    assert [(line.sku, line.quantity, line.held_quantity, line.held) for line in cart.lines] == [
        (RUNNER, 2, 2, [HeldUnits("WH-NJ", 2)]),
        (BEANIE, 1, 1, [HeldUnits("ST-BKN", 1)]),
    ]
    assert position("WH-NJ", RUNNER).reserved == 2
    assert position("ST-BKN", BEANIE).reserved == 1
    assert before + timedelta(minutes=15) <= cart.expires_at <= clock.now() + timedelta(minutes=15)
    assert set(Reservation.objects.values_list("kind", "expires_at")) == {("cart", cart.expires_at)}


def test_held_units_are_gone_for_every_other_buyer(stock, place) -> None:
    stock("WH-NJ", RUNNER, 2)
    _cart(RequestedLine(RUNNER, 2, SHIP))

    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, SHIP))
    with pytest.raises(InsufficientStock):
        _cart(RequestedLine(RUNNER, 1, SHIP))


def test_a_cart_sees_stock_through_its_channels_controls(stock) -> None:
    stock("ST-MAN", RUNNER, 3)
    set_channel_controls(ChannelControls("web", ["store"], buffers=[BufferSetting(units=2, location_type="store")]))

    with pytest.raises(InsufficientStock) as refused:
        _cart(RequestedLine(RUNNER, 2, SHIP))

    assert refused.value.field == "lines[0].quantity"
    assert get_cart(_cart(RequestedLine(RUNNER, 1, SHIP))).lines[0].held_quantity == 1


def test_checkout_turns_the_holds_into_the_orders_reservations_without_reserving_twice(
    stock, position, nyc_address
) -> None:
    # given the only two runners are held by a cart
    stock("WH-NJ", RUNNER, 2)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP))

    # when it is checked out
    order = get_order(_checkout(cart_id, nyc_address))

    # then the order has them, the counter was not touched twice, and the cart is converted
    assert [(f.location, [(fl.sku, fl.quantity) for fl in f.lines]) for f in order.fulfilments] == [
        ("WH-NJ", [(RUNNER, 2)])
    ]
    assert [(line.status, line.unallocated_quantity) for line in order.lines] == [("allocated", 0)]
    assert position("WH-NJ", RUNNER).reserved == 2
    assert list(Reservation.objects.values_list("kind", "quantity", "order_line__order_id", "cart_line")) == [
        ("order", 2, order.id, None)
    ]
    cart = get_cart(cart_id)
    assert (cart.status, cart.order_id, cart.lines[0].held_quantity) == ("converted", order.id, 0)


def test_checkout_sent_twice_is_one_order(stock, nyc_address) -> None:
    stock("WH-NJ", RUNNER, 2)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP))

    first = _checkout(cart_id, nyc_address)
    again = checkout_cart(cart_id, CheckoutDetails("W-CART-1", shipping_address=nyc_address), actor="test")

    assert (again.order_id, again.created) == (first, False)
    with pytest.raises(IllegalTransition):
        _checkout(cart_id, nyc_address, reference="W-CART-2")


def test_an_order_line_beyond_the_holds_is_allocated_as_usual_and_unused_holds_go_back(
    stock, position, place, nyc_address
) -> None:
    from crossdock.services.orders.commands import OrderRequest, PricedLine
    from crossdock.services.orders.place_order import place_order

    stock("WH-NJ", RUNNER, 5)
    stock("ST-BKN", BEANIE, 3)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP), RequestedLine(BEANIE, 2, PICKUP, "ST-BKN"))
    request = OrderRequest(
        channel="web",
        channel_order_id="W-MIXED",
        shipping_address=nyc_address,
        lines=[PricedLine(RequestedLine(RUNNER, 3, SHIP))],
        cart_id=cart_id,
    )

    order = get_order(place_order(request, actor="test").order_id)

    assert [(f.location, f.lines[0].quantity) for f in order.fulfilments] == [("WH-NJ", 3)]
    assert position("WH-NJ", RUNNER).reserved == 3
    assert position("ST-BKN", BEANIE).reserved == 0
    assert Reservation.objects.filter(kind="cart").count() == 0


def test_changing_the_lines_swaps_the_holds_and_extends_the_cart(stock, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    stock("WH-NJ", BEANIE, 5)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP))
    first_expiry = get_cart(cart_id).expires_at

    replace_cart_lines(cart_id, [RequestedLine(RUNNER, 4, SHIP), RequestedLine(BEANIE, 1, SHIP)])

    cart = get_cart(cart_id)
    assert [(line.sku, line.held_quantity) for line in cart.lines] == [(RUNNER, 4), (BEANIE, 1)]
    assert (position("WH-NJ", RUNNER).reserved, position("WH-NJ", BEANIE).reserved) == (4, 1)
    assert cart.expires_at >= first_expiry


def test_a_change_the_stock_cannot_cover_keeps_the_old_holds(stock, position, db_state) -> None:
    stock("WH-NJ", RUNNER, 3)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP))
    before = db_state()

    with pytest.raises(InsufficientStock):
        replace_cart_lines(cart_id, [RequestedLine(RUNNER, 4, SHIP)])

    assert db_state() == before
    assert get_cart(cart_id).lines[0].held_quantity == 2


def test_expired_holds_are_released_once_and_fresh_carts_are_left_alone(stock, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    stale = _cart(RequestedLine(RUNNER, 2, SHIP), ttl_seconds=60)
    fresh = _cart(RequestedLine(RUNNER, 1, SHIP), ttl_seconds=3600)
    later = clock.now() + timedelta(minutes=2)

    assert release_expired_cart_holds(later) == 1
    assert release_expired_cart_holds(later) == 0

    assert (get_cart(stale).status, get_cart(stale).lines[0].held_quantity) == ("expired", 0)
    assert (get_cart(fresh).status, get_cart(fresh).lines[0].held_quantity) == ("open", 1)
    assert position("WH-NJ", RUNNER).reserved == 1


def test_activity_keeps_a_cart_alive(stock) -> None:
    stock("WH-NJ", RUNNER, 5)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP), ttl_seconds=60)
    Cart.objects.filter(pk=cart_id).update(expires_at=clock.now() + timedelta(seconds=5))

    extend_cart(cart_id)

    assert release_expired_cart_holds(clock.now() + timedelta(seconds=30)) == 0
    assert Reservation.objects.get().expires_at == get_cart(cart_id).expires_at


def test_an_expired_cart_cannot_be_checked_out_and_writes_nothing(stock, nyc_address, db_state) -> None:
    stock("WH-NJ", RUNNER, 5)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP), ttl_seconds=60)
    release_expired_cart_holds(clock.now() + timedelta(minutes=2))
    before = db_state()

    with pytest.raises(CartExpired) as refused:
        _checkout(cart_id, nyc_address)

    assert refused.value.field == "cart_id"
    assert db_state() == before


def test_an_abandoned_cart_gives_its_units_back(stock, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    cart_id = _cart(RequestedLine(RUNNER, 2, SHIP))

    abandon_cart(cart_id)

    assert (get_cart(cart_id).status, position("WH-NJ", RUNNER).reserved) == ("abandoned", 0)
    with pytest.raises(IllegalTransition):
        extend_cart(cart_id)


def test_a_low_count_makes_a_cart_hold_give_way(stock, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    cart_id = _cart(RequestedLine(RUNNER, 4, SHIP))

    apply_snapshot("WH-NJ", 1, [CountedStock(RUNNER, 1)], actor="wms")

    assert get_cart(cart_id).lines[0].held_quantity == 1
    assert position("WH-NJ", RUNNER).reserved == 1


@pytest.mark.parametrize(
    ("lines", "ttl", "error", "field"),
    [
        ([RequestedLine(RUNNER, 1, SHIP)], 5, InvalidInput, "ttl_seconds"),
        ([RequestedLine("NO-SUCH-SKU", 1, SHIP)], None, UnknownSku, "lines[0].sku"),
        ([RequestedLine(RUNNER, 0, SHIP)], None, InvalidInput, "lines[0].quantity"),
        ([RequestedLine(RUNNER, 1, PICKUP)], None, InvalidInput, "lines[0].location"),
        ([RequestedLine(BEANIE, 1, SHIP)], None, StockBlocked, "lines[0].sku"),
        ([RequestedLine(RUNNER, 1, PICKUP, "ST-MAN")], None, StockBlocked, "lines[0].sku"),
        ([RequestedLine(RUNNER, 9, SHIP)], None, InsufficientStock, "lines[0].quantity"),
    ],
)
def test_a_bad_cart_is_refused_and_writes_nothing(
    stock, db_state, lines: list[RequestedLine], ttl: int | None, error: type[DomainError], field: str
) -> None:
    stock("WH-NJ", RUNNER, 5)
    stock("ST-MAN", RUNNER, 5)
    stock("WH-NJ", BEANIE, 5)
    block_stock(location=None, sku=BEANIE, reason="recalled", actor="ops")
    block_stock(location="ST-MAN", sku=RUNNER, reason="display units only", actor="ops")
    before = db_state()

    with pytest.raises(error) as refused:
        _cart(*lines, ttl_seconds=ttl)

    assert refused.value.field == field
    assert db_state() == before


def test_an_unknown_cart_is_not_found(db) -> None:
    with pytest.raises(NotFound):
        get_cart(404)
    with pytest.raises(NotFound):
        replace_cart_lines(404, [])
