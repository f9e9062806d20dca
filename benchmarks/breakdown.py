"""Where one request's time goes, measured in this process (no concurrency): queries, DB, Python.

The requests go through Django's test client, so middleware, auth, parsing, the service and
the serialisation all run as on the server; only the HTTP server and the socket are missing.
DB time is the time spent inside cursor.execute (round trip included); COMMIT is not a
cursor.execute call, so its round trip counts as Python time here.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client

from benchmarks import cpu
from benchmarks.environment import backend_pid
from benchmarks.scenarios import Request, Scenario, build

WARMUP_REQUESTS = 10


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Per request, on average. The CPU times do not grow when other work competes for the cores."""

    requests: int
    wall_ms: float
    db_ms: float
    python_ms: float
    app_cpu_ms: float
    postgres_cpu_ms: float
    queries: float
    statements: dict[str, float] = field(default_factory=dict)


class _QueryTimer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.kinds: Counter[str] = Counter()

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.kinds[_kind(sql)] += 1


def measure(scenario: Scenario, requests: int, *, profile_to: Path | None = None) -> Breakdown:
    """Send `requests` requests of the scenario in-process; optionally write a cProfile of them."""
    client, rng = Client(), random.Random(f"breakdown/{scenario.run_id}")
    for number in range(WARMUP_REQUESTS):  # first requests import modules and fill caches
        _send(client, build(scenario, rng, f"breakdown.warmup.{number}"), scenario.expected_status)
    batch = [build(scenario, rng, f"breakdown.{n}") for n in range(requests)]
    timer, profiler = _QueryTimer(), cProfile.Profile()
    backend = backend_pid()
    started, cpu_started, postgres_started = time.perf_counter(), time.process_time(), cpu.process_ticks(backend)
    with connection.execute_wrapper(timer):
        if profile_to:
            profiler.enable()
        for request in batch:
            _send(client, request, scenario.expected_status)
        profiler.disable()
    wall = time.perf_counter() - started
    app_cpu, postgres_ticks = time.process_time() - cpu_started, cpu.process_ticks(backend) - postgres_started
    if profile_to:
        profiler.dump_stats(profile_to)
    return Breakdown(
        requests=requests,
        wall_ms=round(wall * 1000 / requests, 3),
        db_ms=round(timer.seconds * 1000 / requests, 3),
        python_ms=round((wall - timer.seconds) * 1000 / requests, 3),
        app_cpu_ms=round(app_cpu * 1000 / requests, 3),
        postgres_cpu_ms=round(postgres_ticks / cpu.TICKS * 1000 / requests, 3),
        queries=round(sum(timer.kinds.values()) / requests, 2),
        statements={kind: round(count / requests, 2) for kind, count in sorted(timer.kinds.items())},
    )


def top_functions(profile: Path, limit: int = 25) -> str:
    """The functions with the most time of their own, then those with the most time below them."""
    out = io.StringIO()
    stats = pstats.Stats(str(profile), stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(limit)
    return out.getvalue()


def _send(client: Client, request: Request, expected: int) -> None:
    headers = {key: value for key, value in request.headers.items() if key != "Content-Type"}
    if request.method == "GET":
        response = client.get(request.path, headers=headers)
    else:
        response = client.post(request.path, data=request.body or b"", content_type="application/json", headers=headers)
    if response.status_code != expected:
        raise RuntimeError(f"{request.method} {request.path}: {response.status_code} {response.content[:300]!r}")


def _kind(sql: str) -> str:
    word = sql.lstrip().split(None, 1)[0].upper()
    return "SELECT … FOR UPDATE" if word == "SELECT" and "FOR UPDATE" in sql else word
