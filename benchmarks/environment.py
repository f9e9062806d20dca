"""One set of environment variables for the server processes and for Django in this process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.db import connection, connections

from benchmarks.database import DATABASE_URL, bench_database
from benchmarks.server import migrate


def crossdock_env(home: Path) -> dict[str, str]:
    """What the server (and this process) need: the bench database and a throwaway home."""
    return {
        **os.environ,
        "CROSSDOCK_DATABASE_URL": DATABASE_URL,
        "CROSSDOCK_HOME": str(home),
        "CROSSDOCK_DEBUG": "0",
        "CROSSDOCK_LOG_LEVEL": "WARNING",
        "CROSSDOCK_BENCH_PROBE": "1",
        # Another settings module, e.g. one whose MIGRATION_MODULES holds migrations not yet in the tree.
        "DJANGO_SETTINGS_MODULE": os.environ.get("CROSSDOCK_BENCH_SETTINGS", "crossdock.config.settings"),
    }


def setup_django(env: dict[str, str]) -> None:
    """Point this process's Django at the bench database (settings are read once, at setup)."""
    (Path(env["CROSSDOCK_HOME"]) / "var" / "static").mkdir(parents=True, exist_ok=True)
    os.environ.update(env)
    django.setup()


@contextmanager
def fresh_database(env: dict[str, str]) -> Iterator[None]:
    """An empty, migrated bench database for one benchmark; this process lets go of it at the end."""
    with bench_database():
        try:
            migrate(env)
            yield
        finally:
            connections.close_all()


def backend_pid() -> int:
    """The PostgreSQL process serving this process's Django connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        row = cursor.fetchone()
    return int(row[0])
