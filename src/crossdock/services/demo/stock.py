"""The demo's stock: deep in the warehouses, shallow in the stores, and a few scarce SKUs.

Scarce SKUs have nothing in the warehouses and one or two units in a handful of stores: orders
for them can only be fulfilled from a store, which is what the store-fulfilment demo shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from crossdock.db.models import Location, Product, StockPosition
from crossdock.services.catalog.upsert import ProductData
from crossdock.services.demo.families import FAMILIES

SCARCE_SHARE = 0.03
WAREHOUSE_GAP_SHARE = 0.08  # SKUs a given warehouse is out of
STORE_UNITS = (0, 1, 2, 3, 4, 6, 8)
STORE_UNIT_WEIGHTS = (30, 20, 18, 12, 10, 6, 4)
SIZES_OF = {family.name: family.sizes for family in FAMILIES}


@dataclass(frozen=True, slots=True)
class Position:
    location: str
    sku: str
    on_hand: int
    safety_stock: int


@dataclass(frozen=True, slots=True)
class StockPlan:
    positions: list[Position]
    scarce: list[str]

    def sellable(self) -> dict[str, list[str]]:
        """Per location, the SKUs with units above safety stock, in catalogue order."""
        by_location: dict[str, list[str]] = {}
        for p in self.positions:
            if p.on_hand > p.safety_stock:
                by_location.setdefault(p.location, []).append(p.sku)
        return by_location


def plan_stock(rng: Random, *, warehouses: list[str], stores: list[str], products: list[ProductData]) -> StockPlan:
    """A position for every SKU at every location; mid sizes run deeper than the extremes."""
    scarce = set(rng.sample([p.sku for p in products], max(2, round(len(products) * SCARCE_SHARE))))
    positions: list[Position] = []
    for product in products:
        if product.sku in scarce:
            positions += _scarce(product.sku, rng, warehouses=warehouses, stores=stores)
            continue
        weight = size_weight(product)
        positions += [_warehouse_position(code, product.sku, weight, rng) for code in warehouses]
        positions += [_store_position(code, product.sku, weight, rng) for code in stores]
    return StockPlan(positions=positions, scarce=[p.sku for p in products if p.sku in scarce])


def write_stock(plan: StockPlan) -> int:
    """Insert the planned positions in bulk. Returns how many were written."""
    location_ids = dict(Location.objects.values_list("code", "id"))
    product_ids = dict(Product.objects.values_list("sku", "id"))
    rows = [
        StockPosition(
            location_id=location_ids[p.location],
            product_id=product_ids[p.sku],
            on_hand=p.on_hand,
            safety_stock=p.safety_stock,
        )
        for p in plan.positions
    ]
    StockPosition.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def size_weight(product: ProductData) -> float:
    """1.0 for the middle of the size run, falling to 0.4 at either end; 1.0 for one-size items."""
    sizes = SIZES_OF[product.attributes["family"]]
    if len(sizes) == 1:
        return 1.0
    middle = (len(sizes) - 1) / 2
    return 1.0 - 0.6 * abs(sizes.index(product.attributes["size"]) - middle) / middle


def _scarce(sku: str, rng: Random, *, warehouses: list[str], stores: list[str]) -> list[Position]:
    holders = set(rng.sample(stores, min(len(stores), rng.randint(2, 4))))
    positions = [Position(code, sku, 0, 0) for code in warehouses]
    return positions + [Position(code, sku, rng.randint(1, 2) if code in holders else 0, 0) for code in stores]


def _warehouse_position(code: str, sku: str, weight: float, rng: Random) -> Position:
    if rng.random() < WAREHOUSE_GAP_SHARE:
        return Position(code, sku, 0, 0)
    on_hand = max(1, round(rng.randint(40, 400) * weight))
    return Position(code, sku, on_hand, rng.choice((0, 0, 2, 5)))


def _store_position(code: str, sku: str, weight: float, rng: Random) -> Position:
    on_hand = round(rng.choices(STORE_UNITS, STORE_UNIT_WEIGHTS)[0] * (0.5 + weight / 2))
    safety = 1 if on_hand >= 4 and rng.random() < 0.3 else 0
    return Position(code, sku, on_hand, safety)
