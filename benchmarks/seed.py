"""Set-up data, written straight to the tables: set-up is not what is measured."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from benchmarks.fastload import without_indexes
from benchmarks.network import CHANNEL, LATITUDES, LONGITUDES, SHIPPING_WAREHOUSES, location_code, sku_code
from crossdock.db.models import Channel, Location, Product, StockPosition
from crossdock.services.tokens import create_token


@dataclass(frozen=True, slots=True)
class Network:
    locations: int
    skus: int


def seed_network(network: Network, *, seed: int = 42) -> None:
    """Locations (a few warehouses, the rest stores that ship), products, and the web channel."""
    rng = random.Random(seed)
    Location.objects.bulk_create(_location(index, rng) for index in range(network.locations))
    Product.objects.bulk_create(
        (
            Product(sku=sku_code(index), name=f"Bench product {index}", price=Decimal(rng.randrange(500, 20000)) / 100)
            for index in range(network.skus)
        ),
        batch_size=5000,
    )
    Channel.objects.create(code=CHANNEL, name="Web shop", location_types=["warehouse", "store"])


def _location(index: int, rng: random.Random) -> Location:
    warehouse = index < SHIPPING_WAREHOUSES
    return Location(
        code=location_code(index),
        name=f"Bench {'warehouse' if warehouse else 'store'} {index}",
        type="warehouse" if warehouse else "store",
        latitude=rng.uniform(*LATITUDES),
        longitude=rng.uniform(*LONGITUDES),
        capabilities=["ship"] if warehouse else ["pickup", "ship_from_store"],
    )


def seed_positions(*, on_hand_sql: str, every_nth_product: int = 1, safety_stock_sql: str = "0") -> int:
    """A position for every location × product (or every n-th product), in one INSERT … SELECT.

    `on_hand_sql` and `safety_stock_sql` are SQL expressions over `l.id` and `p.id`. Returns the number of positions.
    """
    table = StockPosition._meta.db_table
    with without_indexes(table) as cursor:
        cursor.execute(
            f"INSERT INTO {table} (location_id, product_id, on_hand, reserved, safety_stock, updated_at) "
            f"SELECT l.id, p.id, {on_hand_sql}, 0, {safety_stock_sql}, now() "
            f"FROM {Product._meta.db_table} p CROSS JOIN {Location._meta.db_table} l "
            "WHERE p.id %% %s = 0 ORDER BY p.id, l.id",
            [every_nth_product],
        )
        count: int = cursor.rowcount
    return count


def bench_token() -> str:
    return create_token("bench", ["orders:read", "orders:write", "inventory:read"])
