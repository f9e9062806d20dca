"""A 1M-position snapshot with the controls and a backorder queue in place, then the worker's release job."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db.models import Count, Sum

from benchmarks import network
from benchmarks.report import Metric
from benchmarks.snapshot_ingest import Pass, apply_all
from crossdock.db.models import WaitingLine
from crossdock.domain.waiting import WaitingStatus
from crossdock.services import clock
from crossdock.services.inventory.apply_snapshot import CountedStock
from crossdock.services.waiting.release import release_waiting_lines


@dataclass(frozen=True, slots=True)
class Release:
    seconds: float
    rounds: int
    lines_released: int
    units: int
    lines_still_waiting: int

    @property
    def lines_per_second(self) -> float:
        return round(self.lines_released / self.seconds, 1) if self.seconds else 0.0

    def describe(self) -> str:
        return (
            f"release: {self.lines_released:,} waiting lines ({self.units:,} units) allocated in {self.seconds} s, "
            f"{self.rounds} worker rounds; {self.lines_still_waiting} lines still waiting"
        )


@dataclass(frozen=True, slots=True)
class IngestRun:
    snapshot: Pass
    release: Release

    def metrics(self) -> list[Metric]:
        return [
            Metric("snapshot rows/s (controls, queue)", self.snapshot.per_second, "rows/s", target=100_000),
            Metric("waiting lines released/s", self.release.lines_per_second, "lines/s"),
            Metric("units released/s", round(self.release.units / self.release.seconds, 1), "units/s"),
        ]

    def notes(self) -> list[str]:
        return [self.snapshot.describe(), self.release.describe()]


def run_ingest(*, locations: int, snapshot_skus: int) -> IngestRun:
    counts = _counts(locations, snapshot_skus)
    snapshot = apply_all(counts, sequence=1)
    del counts
    return IngestRun(snapshot=snapshot, release=_release_all())


def _counts(locations: int, skus: int) -> dict[str, list[CountedStock]]:
    """Every location counts the first `skus` SKUs, the backordered ones among them: 50–99 units each."""
    rng = random.Random(7)
    return {
        network.location_code(location): [
            CountedStock(sku=network.sku_code(index), on_hand=rng.randrange(50, 100)) for index in range(skus)
        ]
        for location in range(locations)
    }


def _release_all() -> Release:
    """Worker rounds back to back until a round allocates nothing, as `crossdock worker` would run them."""
    before = _released()
    started, rounds, units = time.perf_counter(), 0, 0
    while True:
        rounds += 1
        done = release_waiting_lines(clock.now())
        units += done
        if done == 0:
            break
    seconds = round(time.perf_counter() - started, 3)
    after = _released()
    waiting = WaitingLine.objects.filter(status=WaitingStatus.WAITING).count()
    return Release(seconds, rounds, after[0] - before[0], units, waiting)


def _released() -> tuple[int, int]:
    found = WaitingLine.objects.filter(status=WaitingStatus.RELEASED).aggregate(
        lines=Count("id"), units=Sum("ordered_quantity")
    )
    return int(found["lines"] or 0), int(found["units"] or 0)
