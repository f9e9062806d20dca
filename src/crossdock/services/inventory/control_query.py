"""Everything the availability math needs besides the positions, read in one statement.

The SKUs' ids and categories, the channel, the safety stock rules, the channel's locations, buffers and
thresholds, the blocks and the units waiting for the SKUs: eight small reads that were eight round trips
(and eight ORM compilations) per availability call are one UNION ALL here, the same SQL on SQLite and
PostgreSQL. Rows are (kind, id, text, text, number); `_assemble` turns them into domain values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection

from crossdock.db.models import (
    Channel,
    ChannelBuffer,
    ChannelLocation,
    ChannelThreshold,
    OrderLine,
    Product,
    SafetyStockRule,
    StockBlock,
    WaitingLine,
)
from crossdock.domain.controls import Blocks, ChannelRules, SafetyStockRules
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.inventory.controls import ControlSet


@dataclass(frozen=True, slots=True)
class ReadControls:
    product_ids: dict[str, int]  # sku → product id, for the SKUs that exist
    categories: dict[str, str]  # sku → category
    channel_id: int | None  # None: no channel asked for, or no channel of that code
    controls: ControlSet
    waiting: dict[int, int]  # product id → units of waiting lines still owed


def read_controls(skus: list[str], *, channel_code: str | None) -> ReadControls:
    """One statement; unknown SKUs and an unknown channel are simply absent (the caller decides)."""
    sql, params = _statement(skus, channel_code)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _assemble(rows, channel_code)


def _statement(skus: list[str], channel_code: str | None) -> tuple[str, list[Any]]:
    t = {
        model.__name__: model._meta.db_table
        for model in (
            Product,
            Channel,
            SafetyStockRule,
            ChannelLocation,
            ChannelBuffer,
            ChannelThreshold,
            StockBlock,
            WaitingLine,
            OrderLine,
        )
    }
    wanted = ", ".join(["%s"] * len(skus)) or "NULL"
    short = ", ".join(["%s"] * len(SHORT_LINE_STATUSES))
    text, number = "CAST(NULL AS TEXT)", "CAST(NULL AS INTEGER)"
    sql = f"""
        WITH p AS (SELECT id, sku, category FROM {t["Product"]} WHERE sku IN ({wanted})),
             c AS (SELECT id, location_types FROM {t["Channel"]} WHERE code = %s)
        SELECT 'product', id, sku, category, {number} FROM p
        UNION ALL SELECT 'channel', id, {text}, CAST(location_types AS TEXT), {number} FROM c
        UNION ALL SELECT 'safety', location_id, location_type, category, quantity FROM {t["SafetyStockRule"]}
            WHERE category = '' OR category IN (SELECT category FROM p)
        UNION ALL SELECT 'listed', location_id, {text}, {text}, CASE WHEN include THEN 1 ELSE 0 END
            FROM {t["ChannelLocation"]} WHERE channel_id IN (SELECT id FROM c)
        UNION ALL SELECT 'buffer', location_id, location_type, {text}, units FROM {t["ChannelBuffer"]}
            WHERE channel_id IN (SELECT id FROM c)
        UNION ALL SELECT 'threshold', product_id, {text}, category, min_units FROM {t["ChannelThreshold"]}
            WHERE channel_id IN (SELECT id FROM c) AND (product_id IN (SELECT id FROM p)
                OR (product_id IS NULL AND (category = '' OR category IN (SELECT category FROM p))))
        UNION ALL SELECT 'block', location_id, {text}, {text}, product_id FROM {t["StockBlock"]}
            WHERE product_id IS NULL OR product_id IN (SELECT id FROM p)
        UNION ALL SELECT 'waiting', w.product_id, {text}, {text}, SUM(w.quantity)
            FROM {t["WaitingLine"]} w JOIN {t["OrderLine"]} l ON l.id = w.order_line_id
            WHERE w.product_id IN (SELECT id FROM p) AND w.status = %s AND l.status IN ({short})
            GROUP BY w.product_id
    """
    return sql, [*skus, channel_code or "", WaitingStatus.WAITING.value, *sorted(SHORT_LINE_STATUSES)]


def _assemble(rows: list[tuple[Any, ...]], channel_code: str | None) -> ReadControls:
    by_kind: dict[str, list[tuple[Any, ...]]] = {}
    for kind, *row in rows:
        by_kind.setdefault(kind, []).append(tuple(row))
    product_ids = {sku: int(pk) for pk, sku, _, _ in by_kind.get("product", [])}
    sku_of = {pk: sku for sku, pk in product_ids.items()}
    channel = by_kind.get("channel", [])
    channel_id = int(channel[0][0]) if channel and channel_code else None
    rules = None
    if channel_id is not None and channel_code is not None:
        rules = _channel_rules(channel_code, channel[0][2], by_kind, sku_of)
    return ReadControls(
        product_ids=product_ids,
        categories={sku: category or "" for _, sku, category, _ in by_kind.get("product", [])},
        channel_id=channel_id,
        controls=ControlSet(
            safety=_safety(by_kind.get("safety", [])), channel=rules, blocks=_blocks(by_kind.get("block", []), sku_of)
        ),
        waiting={int(pk): int(units) for pk, _, _, units in by_kind.get("waiting", [])},
    )


def _safety(rows: list[tuple[Any, ...]]) -> SafetyStockRules:
    location_category: dict[tuple[int, str], int] = {}
    type_category: dict[tuple[str, str], int] = {}
    by_type: dict[str, int] = {}
    for location_id, location_type, category, quantity in rows:
        if location_id is not None:
            location_category[(int(location_id), category)] = int(quantity)
        elif category:
            type_category[(location_type, category)] = int(quantity)
        else:
            by_type[location_type] = int(quantity)
    return SafetyStockRules(location_category=location_category, type_category=type_category, by_type=by_type)


def _channel_rules(
    code: str, location_types: str | None, by_kind: dict[str, list[tuple[Any, ...]]], sku_of: dict[int, str]
) -> ChannelRules:
    listed = [(int(location_id), bool(include)) for location_id, _, _, include in by_kind.get("listed", [])]
    buffers = by_kind.get("buffer", [])
    threshold_by_sku: dict[str, int] = {}
    threshold_by_category: dict[str, int] = {}
    threshold = 0
    for product_id, _, category, units in by_kind.get("threshold", []):
        if product_id is not None:
            threshold_by_sku[sku_of[int(product_id)]] = int(units)
        elif category:
            threshold_by_category[category] = int(units)
        else:
            threshold = int(units)
    return ChannelRules(
        code=code,
        location_types=frozenset(json.loads(location_types or "[]")),
        included=frozenset(location_id for location_id, include in listed if include),
        excluded=frozenset(location_id for location_id, include in listed if not include),
        buffer_by_location={int(loc): int(units) for loc, _, _, units in buffers if loc is not None},
        buffer_by_type={kind: int(units) for loc, kind, _, units in buffers if loc is None},
        threshold_by_sku=threshold_by_sku,
        threshold_by_category=threshold_by_category,
        threshold=threshold,
    )


def _blocks(rows: list[tuple[Any, ...]], sku_of: dict[int, str]) -> Blocks:
    pairs = [(None if loc is None else int(loc), None if pid is None else sku_of[int(pid)]) for loc, _, _, pid in rows]
    return Blocks(
        locations=frozenset(loc for loc, sku in pairs if sku is None and loc is not None),
        skus=frozenset(sku for loc, sku in pairs if loc is None and sku is not None),
        positions=frozenset((loc, sku) for loc, sku in pairs if loc is not None and sku is not None),
    )
