"""What the contending processes do, through the services only: place, cancel, count and adjust stock.

Each job is a frozen dataclass, pickled in the test and run in a contender process (see racing.py).
Its randomness comes from a seed, so a failing run can be read again.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from racing import Tally

from crossdock.db.models import Order
from crossdock.domain.orders import Address, DeliveryMethod, OrderStatus, RequestedLine
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order

MIDTOWN = Address(
    name="Ada Lovelace",
    line1="350 5th Ave",
    city="New York",
    postcode="10118",
    country="US",
    latitude=40.7484,
    longitude=-73.9857,
)


def shipped(reference: str, *lines: tuple[str, int], allow_unallocated: bool = False) -> OrderRequest:
    """A web order shipped to Midtown Manhattan."""
    return OrderRequest(
        channel="web",
        channel_order_id=reference,
        shipping_address=MIDTOWN,
        allow_unallocated=allow_unallocated,
        lines=[PricedLine(RequestedLine(sku, quantity, DeliveryMethod.SHIP)) for sku, quantity in lines],
    )


def picked_up(reference: str, store: str, sku: str, quantity: int) -> OrderRequest:
    """A web order collected at a store."""
    return OrderRequest(
        channel="web",
        channel_order_id=reference,
        lines=[PricedLine(RequestedLine(sku, quantity, DeliveryMethod.PICKUP, location=store))],
    )


@dataclass(frozen=True, slots=True)
class PlaceOrders:
    """Place each request once, in order; with a key, every request is sent under that one key."""

    requests: tuple[OrderRequest, ...]
    idempotency_key: str | None = None

    def __call__(self, tally: Tally) -> None:
        for request in self.requests:
            with tally.attempt("place", request.channel_order_id) as receipt:
                placed = place_order(request, actor=f"contender-{tally.worker}", idempotency_key=self.idempotency_key)
                receipt.order_id, receipt.created = placed.order_id, placed.created


@dataclass(frozen=True, slots=True)
class CancelOrders:
    """Cancel random open orders (whole, or only their first line) as customer service would."""

    rounds: int
    seed: int

    def __call__(self, tally: Tally) -> None:
        chance = random.Random(self.seed)
        for _ in range(self.rounds):
            open_orders = list(Order.objects.exclude(status=OrderStatus.CANCELLED).values_list("id", flat=True))
            if not open_orders:
                time.sleep(0.005)
                continue
            order_id = chance.choice(open_orders)
            whole = chance.random() < 0.6
            with tally.attempt("cancel" if whole else "cancel line 1", str(order_id)) as receipt:
                cancel_order(
                    order_id,
                    reason="customer changed their mind",
                    actor=f"agent-{tally.worker}",
                    line_numbers=None if whole else [1],
                )
                receipt.order_id = order_id


@dataclass(frozen=True, slots=True)
class CountStock:
    """A WMS feed: counts of the SKUs at each location in turn, listed shuffled or in the given order.

    Counts below what is reserved make reservations give way. Now and then the feed resends the
    count it just sent, which must change nothing.
    """

    locations: tuple[str, ...]
    skus: tuple[str, ...]
    rounds: int
    seed: int
    least: int = 0
    most: int = 5
    shuffled: bool = True

    def __call__(self, tally: Tally) -> None:
        chance = random.Random(self.seed)
        for sequence in range(1, self.rounds + 1):
            location = self.locations[sequence % len(self.locations)]
            counts = [CountedStock(sku, chance.randint(self.least, self.most)) for sku in self.skus]
            if self.shuffled:
                chance.shuffle(counts)
            sends = 2 if chance.random() < 0.2 else 1
            for _ in range(sends):
                with tally.attempt("count", f"{location}#{sequence}"):
                    apply_snapshot(location, sequence, counts, actor="wms-feed")


@dataclass(frozen=True, slots=True)
class AdjustStock:
    """ERP adjustments: receipts and write-offs of a few units at one to three positions at once."""

    locations: tuple[str, ...]
    skus: tuple[str, ...]
    rounds: int
    seed: int

    def __call__(self, tally: Tally) -> None:
        chance = random.Random(self.seed)
        positions = [(location, sku) for location in self.locations for sku in self.skus]
        for _ in range(self.rounds):
            adjustments = [
                Adjustment(location, sku, chance.choice([-3, -2, -1, 1, 2, 3]), reason="cycle count correction")
                for location, sku in chance.sample(positions, chance.randint(1, 3))
            ]
            with tally.attempt("adjust"):
                adjust_stock(adjustments, actor="erp")
