"""What the HTTP benchmarks share: their sizes, the load plan, and how a run is described."""

from __future__ import annotations

import os
from dataclasses import dataclass

from benchmarks.breakdown import Breakdown
from benchmarks.load import LoadPlan, LoadResult
from benchmarks.options import Options
from benchmarks.scenarios import Scenario


@dataclass(frozen=True, slots=True)
class HttpSize:
    locations: int
    skus: int
    seconds: float
    warmup_s: float
    connections: int
    breakdown_requests: int


def load_plan(options: Options, size: HttpSize, scenario: Scenario) -> LoadPlan:
    return LoadPlan(
        scenario=scenario,
        processes=options.processes,
        connections=options.connections or size.connections,
        warmup_s=size.warmup_s,
        duration_s=options.seconds or size.seconds,
    )


def cpu_ceiling(result: LoadResult) -> float:
    """Requests/s this box could serve if server and PostgreSQL had every core to themselves."""
    per_request = result.cpu_ms_per_request["server"] + result.cpu_ms_per_request["postgres"]
    return round((os.cpu_count() or 1) * 1000 / per_request, 1) if per_request else 0.0


def load_note(label: str, result: LoadResult) -> str:
    return (
        f"{label}: errors {result.errors or 'none'}; cores busy {result.cpu_cores}; "
        f"CPU ms/request {result.cpu_ms_per_request}; CPU-bound ceiling {cpu_ceiling(result):,} /s"
    )


def breakdown_note(label: str, b: Breakdown) -> str:
    return (
        f"in-process {label}: {b.wall_ms} ms wall = DB {b.db_ms} + Python {b.python_ms}; "
        f"CPU app {b.app_cpu_ms} + PostgreSQL {b.postgres_cpu_ms} ms; {b.queries} queries {b.statements}"
    )
