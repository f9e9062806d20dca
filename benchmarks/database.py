"""A throwaway PostgreSQL database per benchmark: created empty, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("CROSSDOCK_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_NAME = os.environ.get("CROSSDOCK_BENCH_DATABASE", "crossdock_bench")
DATABASE_URL = ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE_NAME


@contextmanager
def bench_database() -> Iterator[None]:
    """Create DATABASE_NAME empty (dropping a leftover of an interrupted run); drop it afterwards."""
    _drop()
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
    try:
        yield
    finally:
        _drop()


def server_version() -> str:
    with psycopg.connect(ADMIN_URL) as admin:
        row = admin.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def backend_pids() -> list[int]:
    """The PostgreSQL server processes now serving the bench database."""
    with psycopg.connect(ADMIN_URL) as admin:
        rows = admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE_NAME]).fetchall()
    return [int(row[0]) for row in rows]


def _drop() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE_NAME)))
