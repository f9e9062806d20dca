"""Set-based writes for feeds, written once for SQLite and PostgreSQL alike.

On PostgreSQL the rows travel as array parameters (`unnest`), so a statement has a handful of
parameters however many rows it carries: the driver does not rewrite a query with thousands of
placeholders, and the ORM builds no objects.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from crossdock.db import locks
from crossdock.db.models import Product, StockPosition

CHUNK = 2000
POSITIONS = StockPosition._meta.db_table


def set_on_hand(changes: list[tuple[int, int]], now: datetime) -> None:
    """Set on-hand for (position id, on_hand) pairs, locking the rows in pk order first."""
    if not changes:
        return
    ordered = sorted(changes)
    if connection.vendor == "postgresql":
        _set_on_hand_postgresql(ordered, now)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            # Lock in pk order first, as every stock writer does; UPDATE … FROM locks rows in plan order.
            list(locks.lock_positions(pk for pk, _ in chunk).values_list("pk", flat=True))
            values = ", ".join(["(%s, %s)"] * len(chunk))
            params: list[int | datetime] = [value for pair in chunk for value in pair]
            cursor.execute(
                f"WITH v(position_id, on_hand) AS (VALUES {values}) "
                f"UPDATE {POSITIONS} SET on_hand = v.on_hand, updated_at = %s "
                f"FROM v WHERE {POSITIONS}.id = v.position_id",
                [*params, now],
            )


def _set_on_hand_postgresql(ordered: list[tuple[int, int]], now: datetime) -> None:
    ids, quantities = (list(column) for column in zip(*ordered, strict=True))
    with connection.cursor() as cursor:
        # Lock in pk order first, as every stock writer does; UPDATE … FROM locks rows in plan order.
        cursor.execute(f"SELECT id FROM {POSITIONS} WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [ids])
        cursor.execute(
            f"UPDATE {POSITIONS} SET on_hand = v.on_hand, updated_at = %s "
            f"FROM unnest(%s::bigint[], %s::integer[]) AS v(position_id, on_hand) WHERE {POSITIONS}.id = v.position_id",
            [now, ids, quantities],
        )


def product_ids_by_sku(skus: list[str]) -> dict[str, int]:
    """sku → product id for those of `skus` that exist."""
    if connection.vendor != "postgresql":
        return dict(Product.objects.filter(sku__in=skus).values_list("sku", "id"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sku, id FROM {Product._meta.db_table} WHERE sku = ANY(%s)", [skus])
        return {str(sku): int(pk) for sku, pk in cursor.fetchall()}


def insert_positions(location_id: int, counted: list[tuple[int, int]], now: datetime) -> None:
    """New positions at one location from (product id, on_hand) pairs."""
    if not counted:
        return
    if connection.vendor != "postgresql":
        StockPosition.objects.bulk_create(
            StockPosition(location_id=location_id, product_id=pid, on_hand=qty) for pid, qty in counted
        )
        return
    products, quantities = (list(column) for column in zip(*counted, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {POSITIONS} (location_id, product_id, on_hand, reserved, safety_stock, updated_at) "
            "SELECT %s, v.product_id, v.on_hand, 0, 0, %s "
            "FROM unnest(%s::bigint[], %s::integer[]) AS v(product_id, on_hand)",
            [location_id, now, products, quantities],
        )
