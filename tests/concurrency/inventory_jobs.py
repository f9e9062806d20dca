"""What the contenders of the inventory races do, through the services only (see racing.py for the harness)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from racing import Tally

from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.carts.checkout import CheckoutDetails, checkout_cart
from crossdock.services.carts.expiry import release_expired_cart_holds
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.orders.commands import OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.waiting.release import release_waiting_lines

MIDTOWN = Address(
    name="Ada Lovelace",
    line1="350 5th Ave",
    city="New York",
    postcode="10118",
    country="US",
    latitude=40.7484,
    longitude=-73.9857,
)


@dataclass(frozen=True, slots=True)
class CheckOutCarts:
    cart_ids: tuple[int, ...]

    def __call__(self, tally: Tally) -> None:
        for cart_id in self.cart_ids:
            with tally.attempt("checkout", str(cart_id)) as receipt:
                details = CheckoutDetails(channel_order_id=f"CART-{cart_id}", shipping_address=MIDTOWN)
                placed = checkout_cart(cart_id, details, actor=f"shop-{tally.worker}")
                receipt.order_id, receipt.created = placed.order_id, placed.created


@dataclass(frozen=True, slots=True)
class ExpireCarts:
    """A worker sweeping expired carts until a few rounds in a row find nothing."""

    quiet_rounds: int = 3

    def __call__(self, tally: Tally) -> None:
        quiet = 0
        while quiet < self.quiet_rounds:
            with tally.attempt("expire") as receipt:
                expired = release_expired_cart_holds(clock.now(), limit=5)
                receipt.order_id = expired  # how many carts this round expired
            quiet = quiet + 1 if not expired else 0
            time.sleep(0.001)


@dataclass(frozen=True, slots=True)
class ReleaseBackorders:
    """A worker serving the waiting lines until a few rounds in a row allocate nothing."""

    quiet_rounds: int = 3

    def __call__(self, tally: Tally) -> None:
        quiet = 0
        while quiet < self.quiet_rounds:
            with tally.attempt("release") as receipt:
                released = release_waiting_lines(clock.now())
                receipt.order_id = released  # units this round allocated
            quiet = quiet + 1 if not released else 0


@dataclass(frozen=True, slots=True)
class PlaceShipped:
    """Place one-SKU shipped orders, each as its own attempt."""

    references: tuple[str, ...]
    sku: str
    quantity: int = 1
    channel: str = "web"

    def __call__(self, tally: Tally) -> None:
        for reference in self.references:
            request = OrderRequest(
                channel=self.channel,
                channel_order_id=reference,
                shipping_address=MIDTOWN,
                lines=[PricedLine(RequestedLine(self.sku, self.quantity, DeliveryMethod.SHIP))],
            )
            with tally.attempt("place", reference) as receipt:
                placed = place_order(request, actor=f"shop-{tally.worker}")
                receipt.order_id, receipt.created = placed.order_id, placed.created


@dataclass(frozen=True, slots=True)
class CountLocation:
    """A WMS sending counts of one location in turn, each a new sequence (some resent as replays)."""

    location: str
    skus: tuple[str, ...]
    counts: tuple[int, ...]

    def __call__(self, tally: Tally) -> None:
        for sequence, on_hand in enumerate(self.counts, start=1):
            counted = [CountedStock(sku, on_hand) for sku in self.skus]
            for _ in range(1 + sequence % 2):
                with tally.attempt("count", f"{self.location}#{sequence}"):
                    apply_snapshot(self.location, sequence, counted, actor="wms")
