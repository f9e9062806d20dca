"""Races between OS processes on the test database: contenders that start each job at the same instant.

`Contenders` spawns a few fresh interpreters (the `spawn` start method: nothing is inherited from
pytest, least of all its database connection). Each sets Django up on the parent's *test* database
and then serves jobs: it waits at a shared barrier with the others, runs its job and reports what
happened to each call as an `Outcome`. Anything a job did not expect becomes a `crash` carrying its
traceback rather than being swallowed. The processes live for the whole session, since starting
Django costs about a second of CPU each.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue, SimpleQueue
from multiprocessing.synchronize import Barrier
from typing import Protocol, TypeVar

import pytest

from crossdock.domain.errors import DomainError

CONTENDERS = 6
SETTINGS_MODULE = "crossdock.config.settings"
START_TIMEOUT_SECONDS = 60
RACE_TIMEOUT_SECONDS = 90
CRASH = "crash"
OK = "ok"

Report = tuple[int, list["Outcome"], str]
T = TypeVar("T")


def postgresql_only() -> pytest.MarkDecorator:
    """Skip on SQLite: it lets one writer in at a time, so there is no race to prove."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    return pytest.mark.skipif(
        engine != "django.db.backends.postgresql",
        reason="races between OS processes need PostgreSQL (set CROSSDOCK_DATABASE_URL=postgresql://…)",
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one call made by a contender came to: `ok`, a domain error code, or `crash`."""

    worker: int
    action: str
    result: str
    reference: str = ""
    order_id: int | None = None
    created: bool = False
    detail: str = ""


@dataclass(slots=True)
class Receipt:
    """What a successful call hands back, filled in by the job inside `Tally.attempt`."""

    order_id: int | None = None
    created: bool = False


@dataclass(slots=True)
class Tally:
    """A job's outcomes: domain errors become their code, anything else a crash."""

    worker: int
    outcomes: list[Outcome] = field(default_factory=list)

    @contextmanager
    def attempt(self, action: str, reference: str = "") -> Iterator[Receipt]:
        receipt = Receipt()
        try:
            yield receipt
        except DomainError as error:
            self.outcomes.append(Outcome(self.worker, action, error.code, reference, detail=error.message))
        except Exception as error:  # what the tests look for: nothing but domain errors may escape
            detail = f"{type(error).__name__}: {error}\n{traceback.format_exc()}"
            self.outcomes.append(Outcome(self.worker, action, CRASH, reference, detail=detail))
        else:
            self.outcomes.append(Outcome(self.worker, action, OK, reference, receipt.order_id, receipt.created))


class Job(Protocol):
    def __call__(self, tally: Tally) -> None: ...


Race = Callable[[Sequence[Job]], list[Outcome]]
Stock = Callable[..., object]  # the `stock` fixture of tests/conftest.py: put(location, sku, on_hand, safety_stock=0)


@dataclass(frozen=True, slots=True)
class Idle:
    """Fills the seat of a contender a race does not need."""

    def __call__(self, tally: Tally) -> None:
        return None


class Contenders:
    """A fixed set of spawned processes connected to one database, serving one race at a time."""

    def __init__(self, size: int, *, database_name: str) -> None:
        self.size = size
        self.database_name = database_name
        self._processes: list[BaseProcess] = []
        self._inboxes: list[SimpleQueue[bytes | None]] = []
        self._reports: Queue[Report] | None = None
        # Kept here: a synchronisation primitive collected in the parent vanishes before a child loads it.
        self._barrier: Barrier | None = None

    def race(self, jobs: Sequence[Job]) -> list[Outcome]:
        """Run the jobs at once, one per process; return every outcome in worker order.

        Raises AssertionError when a process fails outside a job's own calls (set-up, barrier, timeout).
        """
        assert 0 < len(jobs) <= self.size, f"a race takes 1 to {self.size} jobs"
        if not self._processes:
            self._start()
        seated = [*jobs, *[Idle()] * (self.size - len(jobs))]
        for inbox, job in zip(self._inboxes, seated, strict=True):
            inbox.put(pickle.dumps(job))
        try:
            reports = self._collect(len(seated))
        except BaseException:
            self.stop()
            raise
        failures = [f"contender {worker}:\n{error}" for worker, _, error in reports if error]
        if failures:
            self.stop()
        assert not failures, "\n".join(failures)
        return [outcome for _, outcomes, _ in sorted(reports, key=lambda r: r[0]) for outcome in outcomes]

    def _collect(self, expected: int) -> list[Report]:
        """Every contender's report; fails fast if one dies without reporting, or on the race timeout."""
        assert self._reports is not None
        reports: list[Report] = []
        deadline = time.monotonic() + RACE_TIMEOUT_SECONDS
        while len(reports) < expected:
            try:
                reports.append(self._reports.get(timeout=0.5))
            except queue.Empty:
                reported = {worker for worker, _, _ in reports}
                dead = [p.name for w, p in enumerate(self._processes) if w not in reported and not p.is_alive()]
                assert not dead, f"{', '.join(dead)} died without reporting (see its stderr)"
                assert time.monotonic() < deadline, f"the race took over {RACE_TIMEOUT_SECONDS} s"
        return reports

    def stop(self) -> None:
        for inbox in self._inboxes:
            inbox.put(None)
        for process in self._processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        self._processes, self._inboxes = [], []

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._barrier = context.Barrier(self.size)
        self._inboxes = [context.SimpleQueue() for _ in range(self.size)]
        self._reports = context.Queue()
        self._processes = [
            context.Process(
                target=_serve,
                args=(worker, self.database_name, self._barrier, inbox, self._reports),
                name=f"contender-{worker}",
                daemon=True,
            )
            for worker, inbox in enumerate(self._inboxes)
        ]
        for process in self._processes:
            process.start()


def _serve(
    worker: int, database_name: str, barrier: Barrier, inbox: SimpleQueue[bytes | None], reports: Queue[Report]
) -> None:
    """The life of one contender process: connect, then run each job it is handed at the barrier's signal."""
    try:
        _connect(database_name)
        while (pickled := inbox.get()) is not None:
            tally = Tally(worker)
            # Unpickled only now: the job's module imports models, which need Django set up.
            job: Job = pickle.loads(pickled)
            barrier.wait(timeout=START_TIMEOUT_SECONDS)
            job(tally)
            reports.put((worker, tally.outcomes, ""))
    except BaseException:
        barrier.abort()
        reports.put((worker, [], traceback.format_exc()))
    finally:
        _disconnect()


def _connect(database_name: str) -> None:
    """Point this process at the parent's test database and open the connection before any race."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database_name
    django.setup()
    from django.db import connection

    connection.ensure_connection()


def _disconnect() -> None:
    from django.db import connections

    connections.close_all()


def deal(items: Sequence[T], hands: int) -> list[tuple[T, ...]]:
    """Split items round-robin into `hands` tuples, as cards are dealt."""
    return [tuple(items[hand::hands]) for hand in range(hands)]


def unexpected(outcomes: Sequence[Outcome], allowed: set[str]) -> list[str]:
    """Every outcome that is neither ok nor one of the allowed domain error codes."""
    return [
        f"worker {o.worker} {o.action} {o.reference}: {o.result} {o.detail}"
        for o in outcomes
        if o.result != OK and o.result not in allowed
    ]
