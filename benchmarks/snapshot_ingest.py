"""Inventory snapshot ingest through the service, in-process: positions/s, first and repeated."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from benchmarks import cpu, network, seed
from benchmarks.environment import backend_pid, fresh_database
from benchmarks.options import Options
from benchmarks.report import Metric, show, write
from crossdock.services.inventory.apply_snapshot import CountedStock, SnapshotResult, apply_snapshot

# Half the products already have a position at every location before the first feed.
EXISTING_SQL = "(l.id + p.id) %% 50"


@dataclass(frozen=True, slots=True)
class Size:
    locations: int
    positions_per_location: int


FULL = Size(locations=200, positions_per_location=5000)
QUICK = Size(locations=20, positions_per_location=1000)


@dataclass(frozen=True, slots=True)
class Pass:
    """One feed for every location. CPU times are per position, in microseconds."""

    sequence: int
    seconds: float
    positions: int
    created: int
    changed: int
    unchanged: int
    app_cpu_us: float
    postgres_cpu_us: float

    @property
    def per_second(self) -> float:
        return round(self.positions / self.seconds, 1)

    def describe(self) -> str:
        return (
            f"sequence {self.sequence}: {self.positions:,} positions in {self.seconds} s "
            f"(created {self.created:,}, changed {self.changed:,}, unchanged {self.unchanged:,}); "
            f"CPU per position: app {self.app_cpu_us} µs + PostgreSQL {self.postgres_cpu_us} µs"
        )


def run(options: Options) -> None:
    size = QUICK if options.quick else FULL
    with fresh_database(options.env):
        seed.seed_network(seed.Network(locations=size.locations, skus=size.positions_per_location))
        seed.seed_positions(on_hand_sql=EXISTING_SQL, every_nth_product=2)
        counts = _counts(size)
        first = apply_all(counts, sequence=1)
        repeat = apply_all(counts, sequence=2)
    metrics = [
        Metric("first feed (create + change)", first.per_second, "positions/s", target=100_000),
        Metric("next feed, same counts (skip)", repeat.per_second, "positions/s", target=100_000),
    ]
    notes = [f"{size.locations} locations × {size.positions_per_location:,} positions, one location after another"]
    notes += [p.describe() for p in (first, repeat)]
    show("Snapshot ingest", metrics, notes)
    parameters = {"locations": size.locations, "positions_per_location": size.positions_per_location}
    write("snapshot", quick=options.quick, parameters=parameters, metrics=metrics, details={"passes": [first, repeat]})


def _counts(size: Size) -> dict[str, list[CountedStock]]:
    rng = random.Random(7)
    return {
        network.location_code(location): [
            CountedStock(sku=network.sku_code(index), on_hand=rng.randrange(50, 100))
            for index in range(size.positions_per_location)
        ]
        for location in range(size.locations)
    }


def apply_all(counts: dict[str, list[CountedStock]], *, sequence: int) -> Pass:
    results: list[SnapshotResult] = []
    postgres = backend_pid()
    started, app_started, postgres_started = time.perf_counter(), time.process_time(), cpu.process_ticks(postgres)
    for location, location_counts in counts.items():
        results.append(apply_snapshot(location, sequence, location_counts, actor="bench"))
    seconds, app = time.perf_counter() - started, time.process_time() - app_started
    postgres_seconds = (cpu.process_ticks(postgres) - postgres_started) / cpu.TICKS
    positions = sum(len(c) for c in counts.values())
    return Pass(
        sequence=sequence,
        seconds=round(seconds, 3),
        positions=positions,
        created=sum(r.created for r in results),
        changed=sum(r.changed for r in results),
        unchanged=sum(r.unchanged for r in results),
        app_cpu_us=round(app * 1e6 / positions, 2),
        postgres_cpu_us=round(postgres_seconds * 1e6 / positions, 2),
    )
