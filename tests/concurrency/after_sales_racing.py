"""After-sales races between OS processes: each process runs one job on the parent's test database.

The processes are started with `spawn` (nothing inherited from pytest, least of all its connection),
connect to the test database whose name the parent passes, wait at a barrier, run their job at the
same instant and report each call's outcome: `ok`, a domain error code, or `crash` with a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

SETTINGS_MODULE = "crossdock.config.settings"
TIMEOUT_SECONDS = 90
CRASH = "crash"
OK = "ok"


@dataclass(frozen=True, slots=True)
class Outcome:
    worker: int
    job: str
    subject: int
    result: str
    detail: str = ""


Job = tuple[str, list[int]]  # a function of after_sales_jobs, and the ids it works through in turn


def race(database_name: str, jobs: list[Job]) -> list[Outcome]:
    """Run the jobs at once, one per process; every outcome, in worker order. Fails on a timeout."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(jobs))
    reports: Queue[tuple[int, list[Outcome]]] = context.Queue()
    processes = [
        context.Process(target=_serve, args=(worker, database_name, barrier, reports, job), daemon=True)
        for worker, job in enumerate(jobs)
    ]
    for process in processes:
        process.start()
    results = [reports.get(timeout=TIMEOUT_SECONDS) for _ in processes]
    for process in processes:
        process.join(timeout=10)
    return [outcome for _, outcomes in sorted(results, key=lambda r: r[0]) for outcome in outcomes]


def _serve(
    worker: int, database_name: str, barrier: Barrier, reports: Queue[tuple[int, list[Outcome]]], job: Job
) -> None:
    outcomes: list[Outcome] = []
    try:
        _connect(database_name)
        import after_sales_jobs

        function: Callable[[int], Any] = getattr(after_sales_jobs, job[0])
        barrier.wait(timeout=TIMEOUT_SECONDS)
        for subject in job[1]:
            outcomes.append(_attempt(worker, job[0], subject, function))
    except BaseException:
        barrier.abort()
        outcomes.append(Outcome(worker, job[0], 0, CRASH, traceback.format_exc()))
    finally:
        reports.put((worker, outcomes))
        from django.db import connections

        connections.close_all()


def _attempt(worker: int, name: str, subject: int, function: Callable[[int], Any]) -> Outcome:
    from crossdock.domain.errors import DomainError

    try:
        function(subject)
    except DomainError as error:
        return Outcome(worker, name, subject, error.code, error.message)
    except Exception as error:  # what the tests look for: nothing but domain errors may escape
        return Outcome(worker, name, subject, CRASH, f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
    return Outcome(worker, name, subject, OK)


def _connect(database_name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database_name
    django.setup()
    from django.db import connection

    connection.ensure_connection()
