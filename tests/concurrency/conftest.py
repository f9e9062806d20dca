"""Fixtures for races between OS processes on the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from racing import CONTENDERS, Contenders, Race


@pytest.fixture(scope="session")
def contenders(django_db_setup: None) -> Iterator[Contenders]:
    """The contender processes on this session's test database, stopped before pytest-django drops it."""
    pool = Contenders(CONTENDERS, database_name=str(connection.settings_dict["NAME"]))
    yield pool
    pool.stop()


@pytest.fixture
def race(contenders: Contenders, transactional_db: None) -> Race:
    """Runs jobs at once in separate processes; the test's rows are committed, so they see them."""
    return contenders.race
