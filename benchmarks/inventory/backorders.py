"""A backorder queue to release (set-up, not measured): SKUs with no stock anywhere, a little supply on order
for some of them, and orders placed through the service whose lines wait for stock."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection

from benchmarks.network import CHANNEL, SHIPPING_WAREHOUSES, location_code, sku_code
from benchmarks.scenarios import order_body
from crossdock.db.models import Product, StockPosition
from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SUPPLY_UNITS = 5  # per supply line: a few of the waiting units get a promise date, most wait without one
LINES_PER_PURCHASE_ORDER = 25


def queue_skus(snapshot_skus: int, every: int) -> list[int]:
    """The backordered SKUs: every n-th SKU the snapshot counts (none of them blocked or with a SKU threshold)."""
    return list(range(0, snapshot_skus, every))


def empty_positions(indexes: list[int]) -> None:
    """No stock of these SKUs anywhere before the snapshot, so orders for them wait."""
    product_ids = list(Product.objects.filter(sku__in=[sku_code(i) for i in indexes]).values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {StockPosition._meta.db_table} SET on_hand = 0 WHERE product_id = ANY(%s)", [product_ids]
        )


def seed_queue(indexes: list[int], *, orders: int) -> int:
    """Allow backorders of the SKUs on the channel, put some on order, place the orders. Returns the units waiting."""
    set_channel_policy(Policy(CHANNEL, allow_backorders=True, allow_preorders=True))
    set_backorderable([sku_code(i) for i in indexes], [])
    _order_supply(indexes[::2])
    rng = random.Random(11)
    units = 0
    for number in range(orders):
        request = _request(f"backorder-{number}", rng, indexes)
        place_order(request, actor="bench", idempotency_key=request.channel_order_id)
        units += sum(priced.line.quantity for priced in request.lines)
    return units


def _order_supply(indexes: list[int]) -> None:
    eta = clock.now().date() + timedelta(days=14)
    for start in range(0, len(indexes), LINES_PER_PURCHASE_ORDER):
        chunk = indexes[start : start + LINES_PER_PURCHASE_ORDER]
        create_supply(
            SupplyRequest(
                kind=SupplyKind.PURCHASE_ORDER,
                reference=f"PO-BENCH-{start // LINES_PER_PURCHASE_ORDER:04d}",
                destination=location_code((start // LINES_PER_PURCHASE_ORDER) % SHIPPING_WAREHOUSES),
                lines=[(sku_code(i), SUPPLY_UNITS) for i in chunk],
                eta=eta,
                supplier="Bench Supplier",
            )
        )


def _request(order_id: str, rng: random.Random, indexes: list[int]) -> OrderRequest:
    """An order as the HTTP benchmark's clients build them, with 1–3 lines of backordered SKUs."""
    body = order_body(order_id, rng, skus=5)  # only its customer and address are used
    address, customer = body["shipping_address"], body["customer"]
    assert isinstance(address, dict) and isinstance(customer, dict)
    lines = [
        PricedLine(RequestedLine(sku_code(index), rng.randint(1, 3), DeliveryMethod.SHIP))
        for index in rng.sample(indexes, rng.randint(1, 3))
    ]
    return OrderRequest(
        channel=CHANNEL,
        channel_order_id=order_id,
        lines=lines,
        customer=CustomerDetails(external_id=customer["id"], email=customer["email"], name=customer["name"]),
        shipping_address=Address(**address),
    )
