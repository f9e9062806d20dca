"""Every inventory control, at every level of precedence, on the benchmark network (set-up, not measured).

Indices are those of benchmarks/network.py: locations 0–19 are warehouses, the rest stores; SKU i is
`sku_code(i)` and belongs to category `cat-(i mod 20)`. The position's own safety stock is seeded with the
positions (OWN_SAFETY_SQL); the rules, channel controls and blocks go in through the configuration services,
as an operator would set them (blocks in bulk: two thousand one-row calls would only slow the set-up).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from benchmarks.network import CHANNEL, SHIPPING_WAREHOUSES, location_code, sku_code
from crossdock.db.models import Location, Product, StockBlock
from crossdock.services import clock
from crossdock.services.inventory.channel_controls import (
    BufferSetting,
    ChannelControls,
    ThresholdSetting,
    set_channel_controls,
)
from crossdock.services.inventory.safety_stock import SafetyRule, set_safety_stock_rules

CATEGORIES = 20
# Some positions carry their own safety stock (it beats every rule).
OWN_SAFETY_SQL = "CASE WHEN (l.id + p.id) %% 17 = 0 THEN 3 ELSE 0 END"


@dataclass(frozen=True, slots=True)
class ControlCounts:
    """How many of each control the run has: printed with the results."""

    safety_rules: int
    excluded_locations: int
    included_locations: int
    buffers: int
    thresholds: int
    blocks: int

    def describe(self) -> str:
        return (
            f"controls: {self.safety_rules:,} safety stock rules (location × category, type × category, type) "
            f"+ positions' own; channel {CHANNEL}: {self.excluded_locations} locations excluded, "
            f"{self.included_locations} included, {self.buffers} buffers, {self.thresholds:,} thresholds; "
            f"{self.blocks:,} blocks (locations, SKUs, positions)"
        )


def category(index: int) -> str:
    return f"cat-{index % CATEGORIES:02d}"


def set_categories() -> None:
    """Each product's category from its SKU number, in one UPDATE."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Product._meta.db_table} SET category = 'cat-' || "
            f"lpad((substring(sku from 5)::int % {CATEGORIES})::text, 2, '0')"
        )


def seed_controls(*, locations: int, skus: int) -> ControlCounts:
    stores = list(range(SHIPPING_WAREHOUSES, locations))
    rules = _safety_rules(stores)
    set_safety_stock_rules(rules)
    controls = _channel_controls(stores, skus)
    set_channel_controls(controls)
    blocks = _blocks(stores, skus)
    return ControlCounts(
        safety_rules=len(rules),
        excluded_locations=len(controls.exclude),
        included_locations=len(controls.include),
        buffers=len(controls.buffers),
        thresholds=len(controls.thresholds),
        blocks=blocks,
    )


def _safety_rules(stores: list[int]) -> list[SafetyRule]:
    by_location = [
        SafetyRule(quantity=1 + (store + c) % 3, location=location_code(store), category=category(c))
        for store in stores[::2]
        for c in range(CATEGORIES)
    ]
    by_type_category = [SafetyRule(quantity=4, location_type="warehouse", category=category(c)) for c in range(10)]
    by_type_category += [SafetyRule(quantity=2, location_type="store", category=category(c)) for c in range(CATEGORIES)]
    by_type = [SafetyRule(quantity=5, location_type="warehouse"), SafetyRule(quantity=1, location_type="store")]
    return by_location + by_type_category + by_type


def blocked_skus(skus: int) -> list[int]:
    """SKUs out of sale everywhere; never one of the backordered SKUs (multiples of 10)."""
    return [index for index in range(skus) if index % 200 == 3]


def threshold_skus(skus: int) -> list[int]:
    return [index for index in range(skus) if index % 20 == 7]


def _channel_controls(stores: list[int], skus: int) -> ChannelControls:
    buffers = [BufferSetting(units=2, location_type="store"), BufferSetting(units=0, location_type="warehouse")]
    buffers += [BufferSetting(units=1, location=location_code(store)) for store in stores[1::18]]
    buffers += [BufferSetting(units=3, location=location_code(w)) for w in range(0, SHIPPING_WAREHOUSES, 4)]
    thresholds = [ThresholdSetting(min_units=3)]
    thresholds += [ThresholdSetting(min_units=10, category=category(c)) for c in range(0, CATEGORIES, 4)]
    thresholds += [ThresholdSetting(min_units=15, sku=sku_code(index)) for index in threshold_skus(skus)]
    return ChannelControls(
        channel=CHANNEL,
        location_types=["warehouse", "store"],
        include=[location_code(w) for w in range(3)],
        exclude=[location_code(store) for store in stores[::20]],
        buffers=buffers,
        thresholds=thresholds,
    )


def _blocks(stores: list[int], skus: int) -> int:
    location_ids = dict(Location.objects.values_list("code", "id"))
    product_ids = dict(Product.objects.values_list("sku", "id"))
    now = clock.now()
    rows = [StockBlock(location_id=location_ids[location_code(s)], reason="bench", created_at=now) for s in stores[-2:]]
    rows += [
        StockBlock(product_id=product_ids[sku_code(index)], reason="bench", created_at=now)
        for index in blocked_skus(skus)
    ]
    rows += [
        StockBlock(
            location_id=location_ids[location_code(stores[n % len(stores)])],
            product_id=product_ids[sku_code((n * 7919) % skus)],
            reason="bench",
            created_at=now,
        )
        for n in range(min(2000, skus // 10))
    ]
    unique = {(row.location_id, row.product_id): row for row in rows}
    StockBlock.objects.bulk_create(unique.values(), batch_size=1000)
    return len(unique)
