"""Load millions of rows quickly: without secondary indexes and FK triggers, then rebuild.

Set-up only. Skipping the FK triggers is safe because the rows are built from the referenced
tables themselves; the unique constraints are re-added afterwards, so duplicates would still fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.backends.utils import CursorWrapper


@contextmanager
def without_indexes(table: str) -> Iterator[CursorWrapper]:
    """A cursor that inserts into `table` with no secondary index or FK check; all rebuilt on exit."""
    with connection.cursor() as cursor:
        constraints = _rows(
            cursor,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            table,
        )
        indexes = _rows(
            cursor,
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.tablename = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
            table,
        )
        for name, _ in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
        try:
            yield cursor
        finally:
            cursor.execute("RESET session_replication_role")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in indexes:
                cursor.execute(definition)
            for name, definition in constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute(f"VACUUM ANALYZE {table}")


def _rows(cursor: CursorWrapper, sql: str, table: str) -> list[tuple[str, str]]:
    cursor.execute(sql, [table])
    return [(str(name), str(definition)) for name, definition in cursor.fetchall()]
