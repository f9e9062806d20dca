"""The inventory benchmark from an empty database to the results file."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from benchmarks import seed
from benchmarks.availability import STOCK_SQL
from benchmarks.breakdown import top_functions
from benchmarks.environment import fresh_database
from benchmarks.inventory import backorders, controls
from benchmarks.inventory.availability import AvailabilityRun, measure
from benchmarks.inventory.ingest import IngestRun, run_ingest
from benchmarks.inventory.sizes import FULL, QUICK, InventorySize
from benchmarks.network import CHANNEL
from benchmarks.options import Options
from benchmarks.report import RESULTS, console, show, write
from benchmarks.scenarios import Kind, Scenario
from benchmarks.server import gunicorn

T = TypeVar("T")


def run(options: Options) -> None:
    size = QUICK if options.quick else FULL
    timings: dict[str, float] = {}
    with fresh_database(options.env):
        positions = _timed(timings, "seed network", lambda: _seed(size))
        queue = backorders.queue_skus(size.snapshot_skus, size.queue_every)
        backorders.empty_positions(queue)
        token = seed.bench_token()
        with gunicorn(options.server, options.env, options.server_log) as server:
            plain = Scenario(Kind.AVAILABILITY, token, size.http.skus, run_id="plain")
            core = measure(server, options, size.http, plain, label="no controls", profile=None)
            counts = _timed(timings, "seed controls", lambda: _controls(size))
            units = _timed(timings, "seed backorders", lambda: backorders.seed_queue(queue, orders=size.orders))
            controlled = Scenario(Kind.AVAILABILITY, token, size.http.skus, "controls", f"&channel={CHANNEL}")
            profile = RESULTS / "inventory.prof" if options.profile else None
            with_controls = measure(server, options, size.http, controlled, label="all controls", profile=profile)
        ingest = run_ingest(locations=size.http.locations, snapshot_skus=size.snapshot_skus)
    _report(options, size, positions, counts, units, [core, with_controls], ingest, timings)


def _seed(size: InventorySize) -> int:
    seed.seed_network(seed.Network(locations=size.http.locations, skus=size.http.skus))
    controls.set_categories()
    return seed.seed_positions(on_hand_sql=STOCK_SQL, safety_stock_sql=controls.OWN_SAFETY_SQL)


def _controls(size: InventorySize) -> controls.ControlCounts:
    return controls.seed_controls(locations=size.http.locations, skus=size.http.skus)


def _timed(timings: dict[str, float], name: str, step: Callable[[], T]) -> T:
    started = time.monotonic()
    result = step()
    timings[name] = round(time.monotonic() - started, 1)
    return result


def _report(
    options: Options,
    size: InventorySize,
    positions: int,
    counts: controls.ControlCounts,
    waiting_units: int,
    availability: list[AvailabilityRun],
    ingest: IngestRun,
    timings: dict[str, float],
) -> None:
    metrics = [metric for run in availability for metric in run.metrics()] + ingest.metrics()
    notes = [
        f"{options.server.describe()}; 1 SKU of {size.http.skus:,} across {size.http.locations} locations "
        f"({positions:,} positions); 'all controls' asks for channel {CHANNEL}",
        counts.describe(),
        f"backorder queue: {size.orders:,} orders, {waiting_units:,} units of {size.snapshot_skus // size.queue_every} "
        f"SKUs waiting before the snapshot",
        f"set-up (not measured): {timings}",
    ]
    notes += [note for run in availability for note in run.notes()] + ingest.notes()
    show("Inventory: availability with every control, snapshot ingest and backorder release", metrics, notes)
    if options.profile:
        console.print(top_functions(RESULTS / "inventory.prof"))
    parameters = {
        "locations": size.http.locations,
        "skus": size.http.skus,
        "positions": positions,
        "snapshot_rows": size.snapshot_rows,
        "orders_waiting": size.orders,
        "controls": counts,
        "server": options.server,
    }
    details = {"availability": availability, "ingest": ingest, "setup_seconds": timings}
    write("inventory", quick=options.quick, parameters=parameters, metrics=metrics, details=details)
