"""Seed the demo network: everything a first look at Crossdock needs, the same for the same seed."""

from __future__ import annotations

import time
from dataclasses import dataclass
from random import Random

from django.db import transaction
from django.db.models import Sum

from crossdock.db.models import Channel, Customer, Location, Order, Product, StockPosition
from crossdock.domain.errors import InvalidInput
from crossdock.domain.locations import LocationType
from crossdock.domain.orders import OrderStatus
from crossdock.services.catalog.upsert import LocationData, ProductData, upsert_products
from crossdock.services.demo.access import ensure_demo_access
from crossdock.services.demo.catalogue import build_catalogue
from crossdock.services.demo.customers import seed_customers
from crossdock.services.demo.history import spread_over_past
from crossdock.services.demo.network import seed_channels, seed_locations
from crossdock.services.demo.orders import OrderStock, seed_orders
from crossdock.services.demo.routing import seed_routing_profiles
from crossdock.services.demo.scale import Scale
from crossdock.services.demo.staff import seed_demo_staff
from crossdock.services.demo.stock import StockPlan, plan_stock, write_stock

PRODUCT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class DemoSummary:
    seed: int
    scale: str
    channels: int
    warehouses: int
    stores: int
    products: int
    positions: int
    units_on_hand: int
    scarce_skus: int
    scarce_example: str
    customers: int
    orders: int
    cancelled_orders: int
    seconds: float


def network_exists() -> bool:
    return Location.objects.exists()


def seed_demo(*, seed: int, scale: Scale) -> DemoSummary:
    """Create channels, locations, catalogue, stock, customers, past orders and the demo credentials
    in one transaction. Raises InvalidInput when the database already has locations."""
    if network_exists():
        raise InvalidInput("the database already has locations; seed the demo into an empty one", field=None)
    started = time.perf_counter()
    with transaction.atomic():
        seed_channels()
        locations = seed_locations(Random(f"{seed}:network"), scale)
        products = build_catalogue(Random(f"{seed}:catalogue"), min_skus=scale.min_skus)
        _write_products(products)
        stores = [location for location in locations if location.type == LocationType.STORE]
        warehouses = [location.code for location in locations if location.type == LocationType.WAREHOUSE]
        plan = plan_stock(
            Random(f"{seed}:stock"), warehouses=warehouses, stores=[s.code for s in stores], products=products
        )
        write_stock(plan)
        seed_routing_profiles()
        _seed_history(seed, scale, stores=stores, warehouses=warehouses, plan=plan)
        ensure_demo_access()
        seed_demo_staff([store.code for store in stores])
    return _summary(seed, scale, scarce=plan.scarce, seconds=time.perf_counter() - started)


def _seed_history(
    seed: int, scale: Scale, *, stores: list[LocationData], warehouses: list[str], plan: StockPlan
) -> None:
    """Customers and their past orders, placed and cancelled through the order services."""
    customers = seed_customers(Random(f"{seed}:customers"), scale.customers)
    sellable = plan.sellable()
    stock = OrderStock(
        shippable=sorted({sku for code in warehouses for sku in sellable.get(code, [])}), sellable=sellable
    )
    rng = Random(f"{seed}:orders")
    placed = seed_orders(rng, count=scale.orders, customers=customers, stores=stores, stock=stock)
    spread_over_past(placed, rng)


def _write_products(products: list[ProductData]) -> None:
    for start in range(0, len(products), PRODUCT_BATCH):
        upsert_products(products[start : start + PRODUCT_BATCH])


def _summary(seed: int, scale: Scale, *, scarce: list[str], seconds: float) -> DemoSummary:
    return DemoSummary(
        seed=seed,
        scale=scale.name,
        channels=Channel.objects.count(),
        warehouses=Location.objects.filter(type=LocationType.WAREHOUSE).count(),
        stores=Location.objects.filter(type=LocationType.STORE).count(),
        products=Product.objects.count(),
        positions=StockPosition.objects.count(),
        units_on_hand=StockPosition.objects.aggregate(total=Sum("on_hand"))["total"] or 0,
        scarce_skus=len(scarce),
        scarce_example=scarce[0],
        customers=Customer.objects.count(),
        orders=Order.objects.count(),
        cancelled_orders=Order.objects.filter(status=OrderStatus.CANCELLED).count(),
        seconds=round(seconds, 2),
    )
