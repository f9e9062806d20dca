"""Inventory races between OS processes on PostgreSQL: carts, backorders, feeds against orders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from inventory_jobs import MIDTOWN, CheckOutCarts, CountLocation, ExpireCarts, PlaceShipped, ReleaseBackorders
from ledger import out_of_balance, oversold, position_books
from racing import OK, Race, Stock, deal, postgresql_only, unexpected

from crossdock.db.models import Cart, FulfilmentLine, Order, OrderLine, Reservation
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.carts.manage_cart import open_cart
from crossdock.services.carts.requests import CartRequest
from crossdock.services.inventory.channel_controls import BufferSetting, ChannelControls, set_channel_controls
from crossdock.services.orders.commands import OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.receive_supply import receive_supply
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"
CARTS = 40


def shipped_request(reference: str, sku: str, quantity: int = 1) -> OrderRequest:
    return OrderRequest(
        channel="web",
        channel_order_id=reference,
        shipping_address=MIDTOWN,
        lines=[PricedLine(RequestedLine(sku, quantity, DeliveryMethod.SHIP))],
    )


def test_cart_expiry_racing_checkout_gives_each_cart_to_the_order_or_back_to_stock_never_both(
    stock: Stock, race: Race
) -> None:
    # given 40 carts holding one runner each, all past their time-to-live but not yet swept
    stock("WH-NJ", RUNNERS, CARTS)
    carts = [open_cart(CartRequest("web", [RequestedLine(RUNNERS, 1, DeliveryMethod.SHIP)])) for _ in range(CARTS)]
    Cart.objects.update(expires_at=clock.now() - timedelta(seconds=1))

    # when two workers sweep expired carts while four shops check the same carts out
    outcomes = race([*[CheckOutCarts(hand) for hand in deal(carts, 4)], ExpireCarts(), ExpireCarts()])

    # then each cart either became an order holding its unit, or expired and gave the unit back
    surprises = unexpected(outcomes, allowed={"cart_expired"})
    assert not surprises, "\n\n".join(surprises)
    checked_out = {int(o.reference) for o in outcomes if o.action == "checkout" and o.result == OK}
    refused = {int(o.reference) for o in outcomes if o.action == "checkout" and o.result == "cart_expired"}
    assert checked_out | refused == set(carts) and not checked_out & refused
    statuses = dict(Cart.objects.values_list("id", "status"))
    assert {cart for cart, status in statuses.items() if status == "converted"} == checked_out
    assert {cart for cart, status in statuses.items() if status == "expired"} == refused
    assert Order.objects.count() == len(checked_out)
    assert Reservation.objects.filter(kind="cart").count() == 0
    assert Reservation.objects.filter(kind="order").count() == len(checked_out)
    books = position_books()
    assert [(b.sku, b.on_hand, b.reserved) for b in books] == [(RUNNERS, CARTS, len(checked_out))]
    assert oversold(books) == [] and out_of_balance(books) == []


def test_two_workers_release_backorders_on_one_receipt_each_unit_once(stock: Stock, race: Race) -> None:
    # given 15 backorders of one runner each, then a receipt of 10 runners
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=True))
    set_backorderable([RUNNERS], [])
    supply = create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-1", "WH-NJ", [(RUNNERS, 10)]))
    orders = [place_order(shipped_request(f"BO-{n:02d}", RUNNERS), actor="shop").order_id for n in range(15)]
    receive_supply(supply, "DN-1", [(RUNNERS, 10)], actor="wms")

    # when three workers release backorders while the store channel tries to buy the received units
    outcomes = race(
        [
            ReleaseBackorders(),
            ReleaseBackorders(),
            ReleaseBackorders(),
            PlaceShipped(tuple(f"ST-{n:02d}" for n in range(10)), RUNNERS, channel="store"),
        ]
    )

    # then the ten units went, once each, to the ten oldest backorders; the store got none of them
    surprises = unexpected(outcomes, allowed={"insufficient_stock"})
    assert not surprises, "\n\n".join(surprises)
    assert not [o for o in outcomes if o.action == "place" and o.result == OK]
    assert sum(o.order_id or 0 for o in outcomes if o.action == "release") == 10
    allocated = dict(OrderLine.objects.filter(order_id__in=orders).values_list("order_id", "unallocated_quantity"))
    assert [allocated[order_id] for order_id in orders] == [0] * 10 + [1] * 5
    assert Reservation.objects.filter(order_line__order_id__in=orders[:10]).count() == 10
    assert FulfilmentLine.objects.count() == 10
    books = position_books()
    assert [(b.sku, b.on_hand, b.reserved) for b in books] == [(RUNNERS, 10, 10)]
    assert oversold(books) == [] and out_of_balance(books) == []


def test_snapshots_arriving_while_orders_are_placed_never_oversell(stock: Stock, race: Race) -> None:
    # given stores the web sees less a buffer of 2, and counts that keep changing under the orders
    for location in ("WH-NJ", "ST-MAN", "ST-BKN"):
        stock(location, RUNNERS, 6)
    set_channel_controls(
        ChannelControls("web", ["warehouse", "store"], buffers=[BufferSetting(units=2, location_type="store")])
    )

    # when four shops place 120 orders while two WMS feeds count Manhattan and Newark up and down
    references = [f"W-{n:03d}" for n in range(120)]
    outcomes = race(
        [
            *[PlaceShipped(hand, RUNNERS) for hand in deal(references, 4)],
            CountLocation("ST-MAN", (RUNNERS,), (8, 3, 9, 1, 7, 12, 4)),
            CountLocation("WH-NJ", (RUNNERS,), (5, 10, 2, 8, 0, 6, 9)),
        ]
    )

    # then no order failed but for stock, no position is reserved beyond what its count covers,
    # and every reservation row agrees with the counters
    surprises = unexpected(outcomes, allowed={"insufficient_stock"})
    assert not surprises, "\n\n".join(surprises)
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
    placed = sum(o.result == OK for o in outcomes if o.action == "place")
    assert placed == Order.objects.count() > 0
    brooklyn = next(b for b in books if b.location == "ST-BKN")
    assert brooklyn.reserved <= brooklyn.on_hand - 2  # Brooklyn is never counted: its buffer held throughout
