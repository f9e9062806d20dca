"""Shared fixtures: a small, vivid network every service test can build on."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import settings

from after_sales_fixtures import order_of, plenty, ship_all  # noqa: F401 — after-sales fixtures
from after_sales_state import after_sales_state
from crossdock.db.models import (
    Cart,
    CartLine,
    Channel,
    ChannelBuffer,
    ChannelLocation,
    ChannelThreshold,
    Customer,
    FulfilmentLine,
    FulfilmentOrder,
    Location,
    LocationFeed,
    Order,
    OrderEvent,
    OrderLine,
    OutboxMessage,
    PreorderWindow,
    Product,
    Reservation,
    SafetyStockRule,
    StockBlock,
    StockPosition,
    Supply,
    SupplyLine,
    SupplyReceipt,
    WaitingLine,
)
from crossdock.domain.orders import Address, RequestedLine
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.tokens import create_token
from routing_profiles_state import routing_profiles_state
from store_offer_fixtures import add_queens_and_bronx
from store_work_state import store_work_state

# Penn Station, New York: Manhattan 1.3 km, Brooklyn 7.6 km, Newark 14.9 km, Chicago 1,144 km away.
PENN_STATION_ADDRESS = Address(
    name="Ada Lovelace",
    line1="1 Main St",
    city="New York",
    postcode="10001",
    country="US",
    latitude=40.7506,
    longitude=-73.9971,
)

# Speed is measured in benchmarks/, never asserted in tests: no per-example deadline.
settings.register_profile("crossdock", deadline=None)
settings.load_profile("crossdock")


@pytest.fixture
def channels(db: None) -> dict[str, Channel]:
    return {
        "web": Channel.objects.create(code="web", name="Web shop", location_types=["warehouse", "store"]),
        "store": Channel.objects.create(code="store", name="Stores", location_types=[]),
    }


@pytest.fixture
def network(db: None, channels: dict[str, Channel]) -> dict[str, Location]:
    """A warehouse in New Jersey, stores in Manhattan and Brooklyn, and one in Chicago without shipping."""
    rows = [
        ("WH-NJ", "Newark DC", "warehouse", 40.7357, -74.1724, ["ship"]),
        ("ST-MAN", "Manhattan 5th Ave", "store", 40.7580, -73.9855, ["pickup", "ship_from_store"]),
        ("ST-BKN", "Brooklyn Atlantic", "store", 40.6840, -73.9772, ["pickup", "ship_from_store"]),
        ("ST-CHI", "Chicago Loop", "store", 41.8837, -87.6289, []),
    ]
    return {
        code: Location.objects.create(
            code=code, name=name, type=kind, latitude=lat, longitude=lon, capabilities=caps, timezone="America/New_York"
        )
        for code, name, kind, lat, lon, caps in rows
    }


@pytest.fixture
def stores(network: dict[str, Location]) -> dict[str, Location]:
    """Queens (10.9 km from Penn Station) and the Bronx (10.0 km) join Manhattan and Brooklyn as stores that ship."""
    add_queens_and_bronx(network)
    return network


@pytest.fixture
def products(db: None) -> dict[str, Product]:
    rows = [
        ("RETRO-RUNNER-42", "Retro Runner, size 42", "89.90", "4006381333931"),
        ("TRAIL-JACKET-M", "Trail Jacket, M", "149.00", "4006381333948"),
        ("WOOL-BEANIE", "Wool Beanie", "19.50", "4006381333955"),
    ]
    return {
        sku: Product.objects.create(sku=sku, name=name, price=Decimal(price), barcode=barcode)
        for sku, name, price, barcode in rows
    }


@pytest.fixture
def stock(network: dict[str, Location], products: dict[str, Product]):  # type: ignore[no-untyped-def]
    """Sets on-hand (and safety stock) for (location, sku) pairs; returns a reader of positions."""

    def put(location: str, sku: str, on_hand: int, safety_stock: int = 0) -> StockPosition:
        position, _ = StockPosition.objects.update_or_create(
            location=network[location],
            product=products[sku],
            defaults={"on_hand": on_hand, "safety_stock": safety_stock},
        )
        return position

    return put


@pytest.fixture
def position(network: dict[str, Location], products: dict[str, Product]):  # type: ignore[no-untyped-def]
    def read(location: str, sku: str) -> StockPosition:
        return StockPosition.objects.get(location=network[location], product=products[sku])

    return read


@pytest.fixture
def api_token(db: None) -> str:
    return create_token("test-integrator", ["admin"])


@pytest.fixture
def nyc_address() -> Address:
    return PENN_STATION_ADDRESS


@pytest.fixture
def place(channels: dict[str, Channel]) -> Callable[..., int]:
    """Places an order through the service and returns its id; channel order ids run W-1001, W-1002, …"""
    numbers = itertools.count(1001)

    def _place(
        *lines: RequestedLine,
        channel: str = "web",
        channel_order_id: str | None = None,
        shipping_address: Address | None = PENN_STATION_ADDRESS,
        customer: CustomerDetails | None = None,
        allow_unallocated: bool = False,
        idempotency_key: str | None = None,
    ) -> int:
        request = OrderRequest(
            channel=channel,
            channel_order_id=channel_order_id or f"W-{next(numbers)}",
            lines=[PricedLine(line) for line in lines],
            customer=customer or CustomerDetails(),
            shipping_address=shipping_address,
            allow_unallocated=allow_unallocated,
        )
        return place_order(request, actor="test", idempotency_key=idempotency_key).order_id

    return _place


@pytest.fixture
def db_state(db: None) -> Callable[[], dict[str, Any]]:
    """What a refused request must not change: row counts of every written table and every stock figure."""

    def read() -> dict[str, Any]:
        counted = [
            Order,
            OrderLine,
            OrderEvent,
            OutboxMessage,
            Reservation,
            FulfilmentOrder,
            FulfilmentLine,
            Customer,
            LocationFeed,
            Location,
            Product,
            SafetyStockRule,
            ChannelLocation,
            ChannelBuffer,
            ChannelThreshold,
            StockBlock,
            Cart,
            CartLine,
            Supply,
            SupplyLine,
            SupplyReceipt,
            WaitingLine,
            PreorderWindow,
        ]
        return {
            **{model.__name__: model.objects.count() for model in counted},
            "stock": sorted(
                StockPosition.objects.values_list(
                    "location__code", "product__sku", "on_hand", "reserved", "safety_stock"
                )
            ),
            "order_statuses": sorted(Order.objects.values_list("id", "status")),
            "line_statuses": sorted(OrderLine.objects.values_list("id", "status", "unallocated_quantity")),
            "fulfilment_statuses": sorted(FulfilmentOrder.objects.values_list("id", "status")),
            "reservations": sorted(Reservation.objects.values_list("id", "position_id", "quantity")),
            "feeds": sorted(LocationFeed.objects.values_list("location__code", "sequence")),
            "carts": sorted(Cart.objects.values_list("id", "status", "expires_at")),
            "supply_lines": sorted(SupplyLine.objects.values_list("id", "quantity", "received_quantity")),
            "supplies": sorted(Supply.objects.values_list("id", "status")),
            "waiting": sorted(WaitingLine.objects.values_list("id", "status", "quantity")),
            **after_sales_state(),
            **routing_profiles_state(),
            **store_work_state(),
        }

    return read
