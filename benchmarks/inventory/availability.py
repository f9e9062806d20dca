"""Availability over HTTP, as the core benchmark measures it: in-process breakdown, then closed-loop load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks import breakdown
from benchmarks.breakdown import Breakdown
from benchmarks.http_run import HttpSize, breakdown_note, cpu_ceiling, load_note, load_plan
from benchmarks.load import LoadResult, run_load
from benchmarks.options import Options
from benchmarks.report import Metric
from benchmarks.scenarios import Scenario
from benchmarks.server import RunningServer


@dataclass(frozen=True, slots=True)
class AvailabilityRun:
    label: str
    load: LoadResult
    in_process: Breakdown

    def metrics(self) -> list[Metric]:
        return [
            Metric(f"calls/s, {self.label}", self.load.per_second, "/s", target=5000),
            Metric(f"p50, {self.label}", self.load.latency_ms.p50, "ms"),
            Metric(f"p99, {self.label}", self.load.latency_ms.p99, "ms", target=50, at_least=False),
            Metric(f"CPU-bound ceiling, {self.label}", cpu_ceiling(self.load), "/s"),
            Metric(f"queries per call, {self.label}", self.in_process.queries, ""),
        ]

    def notes(self) -> list[str]:
        notes = [load_note(self.label, self.load), breakdown_note(self.label, self.in_process)]
        return notes + ([f"first error ({self.label}): {self.load.error_sample}"] if self.load.error_sample else [])


def measure(
    server: RunningServer, options: Options, size: HttpSize, scenario: Scenario, *, label: str, profile: Path | None
) -> AvailabilityRun:
    in_process = breakdown.measure(scenario, size.breakdown_requests, profile_to=profile)
    return AvailabilityRun(label, run_load(server, load_plan(options, size, scenario)), in_process)
