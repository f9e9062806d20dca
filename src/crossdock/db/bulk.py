"""Set-based writes for feeds, written once for SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from crossdock.db import locks
from crossdock.db.models import StockPosition

CHUNK = 2000


def set_on_hand(changes: list[tuple[int, int]], now: datetime) -> None:
    """Set on-hand for (position id, on_hand) pairs, one statement per chunk."""
    table = StockPosition._meta.db_table
    ordered = sorted(changes)
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            # Lock in pk order first, as every stock writer does; UPDATE … FROM locks rows in plan order.
            list(locks.lock_positions(pk for pk, _ in chunk).values_list("pk", flat=True))
            values = ", ".join(["(%s, %s)"] * len(chunk))
            params: list[int | datetime] = [value for pair in chunk for value in pair]
            cursor.execute(
                f"WITH v(position_id, on_hand) AS (VALUES {values}) "
                f"UPDATE {table} SET on_hand = v.on_hand, updated_at = %s "
                f"FROM v WHERE {table}.id = v.position_id",
                [*params, now],
            )
