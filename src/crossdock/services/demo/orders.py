"""Past orders, placed through the real order service so their reservations and timelines are real."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from crossdock.domain.errors import InsufficientStock
from crossdock.domain.geo import haversine_km
from crossdock.domain.locations import Capability
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.catalog.upsert import LocationData
from crossdock.services.demo.customers import DemoCustomer
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order

CHANNEL_WEIGHTS = {"web": 55, "marketplace": 15, "call_centre": 10, "store": 20}
ORDER_PREFIX = {"web": "WEB", "marketplace": "MKP", "call_centre": "CC", "store": "POS"}
PICKUP_SHARE = 0.25  # of web orders
CANCEL_REASONS = ("customer changed their mind", "ordered the wrong size", "found a better delivery date")
ATTEMPTS_PER_ORDER = 3  # an order the stock cannot cover is skipped, and another is tried


@dataclass(frozen=True, slots=True)
class OrderStock:
    """What the demo knows of the stock it planted, to ask for SKUs that exist where they are asked."""

    shippable: list[str]
    sellable: dict[str, list[str]]


def seed_orders(
    rng: Random, *, count: int, customers: list[DemoCustomer], stores: list[LocationData], stock: OrderStock
) -> list[int]:
    """Place up to `count` orders across the channels and cancel a few. Returns the ids placed, in order."""
    placed: list[int] = []
    cancellable: list[int] = []
    for number in range(1, count * ATTEMPTS_PER_ORDER + 1):
        if len(placed) == count:
            break
        request = _request(rng, number, customers=customers, stores=stores, stock=stock)
        if request is None:
            continue
        try:
            order_id = place_order(request, actor=f"demo:{request.channel}").order_id
        except InsufficientStock:
            continue
        placed.append(order_id)
        if request.channel != "store":
            cancellable.append(order_id)
    for order_id in sorted(rng.sample(cancellable, min(len(cancellable), max(1, count // 12)))):
        cancel_order(order_id, reason=rng.choice(CANCEL_REASONS), actor="demo:customer-service")
    return placed


def _request(
    rng: Random, number: int, *, customers: list[DemoCustomer], stores: list[LocationData], stock: OrderStock
) -> OrderRequest | None:
    """One order of a channel drawn by weight, or None when the chosen store has nothing to sell."""
    channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
    customer = rng.choice(customers)
    order_id = f"{ORDER_PREFIX[channel]}-{100000 + number}"
    if channel == "store":
        return _store_sale(rng, order_id, customer, rng.choice(stores), stock)
    if channel == "web" and rng.random() < PICKUP_SHARE:
        store = _nearest(customer, [s for s in stores if Capability.PICKUP in s.capabilities])
        lines = _lines(rng, stock.sellable.get(store.code, []), DeliveryMethod.PICKUP, store.code, most=2)
        return OrderRequest(channel, order_id, lines, customer=_details(customer)) if lines else None
    lines = _lines(rng, stock.shippable, DeliveryMethod.SHIP, None, most=3)
    return OrderRequest(channel, order_id, lines, customer=_details(customer), shipping_address=customer.address)


def _store_sale(
    rng: Random, order_id: str, customer: DemoCustomer, store: LocationData, stock: OrderStock
) -> OrderRequest | None:
    """Carried out of the store; half the shoppers give their loyalty number, half stay anonymous."""
    lines = _lines(rng, stock.sellable.get(store.code, []), DeliveryMethod.CARRY_OUT, store.code, most=2)
    details = _details(customer) if rng.random() < 0.5 else CustomerDetails()
    return OrderRequest("store", order_id, lines, customer=details) if lines else None


def _lines(
    rng: Random, skus: list[str], method: DeliveryMethod, location: str | None, *, most: int
) -> list[PricedLine]:
    chosen = rng.sample(skus, min(len(skus), rng.randint(1, most)))
    return [PricedLine(RequestedLine(sku, 2 if rng.random() < 0.1 else 1, method, location)) for sku in chosen]


def _details(customer: DemoCustomer) -> CustomerDetails:
    return CustomerDetails(
        external_id=customer.external_id, email=customer.email, name=customer.name, phone=customer.phone
    )


def _nearest(customer: DemoCustomer, stores: list[LocationData]) -> LocationData:
    latitude, longitude = customer.address.latitude or 0.0, customer.address.longitude or 0.0
    return min(stores, key=lambda store: haversine_km(latitude, longitude, store.latitude, store.longitude))
