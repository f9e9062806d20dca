"""Shared fixtures: a small, vivid network every service test can build on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import Channel, Location, Product, StockPosition
from crossdock.services.tokens import create_token


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
