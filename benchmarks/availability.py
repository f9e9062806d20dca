"""Availability of one SKU across every location, over HTTP, at 200 locations × 20,000 SKUs."""

from __future__ import annotations

from benchmarks import breakdown, seed
from benchmarks.environment import fresh_database
from benchmarks.http_run import HttpSize, breakdown_note, cpu_ceiling, load_note, load_plan
from benchmarks.load import run_load
from benchmarks.options import Options
from benchmarks.report import RESULTS, Metric, console, show, write
from benchmarks.scenarios import Kind, Scenario
from benchmarks.server import gunicorn

# Varied but deterministic stock, some of it zero.
STOCK_SQL = "(l.id * 7 + p.id * 13) %% 40"

FULL = HttpSize(locations=200, skus=20_000, seconds=30, warmup_s=5, connections=8, breakdown_requests=500)
QUICK = HttpSize(locations=200, skus=1_000, seconds=5, warmup_s=2, connections=8, breakdown_requests=100)


def run(options: Options) -> None:
    size = QUICK if options.quick else FULL
    with fresh_database(options.env):
        seed.seed_network(seed.Network(locations=size.locations, skus=size.skus))
        positions = seed.seed_positions(on_hand_sql=STOCK_SQL)
        scenario = Scenario(Kind.AVAILABILITY, seed.bench_token(), size.skus, run_id="availability")
        profile = RESULTS / "availability.prof" if options.profile else None
        in_process = breakdown.measure(scenario, size.breakdown_requests, profile_to=profile)
        with gunicorn(options.server, options.env, options.server_log) as server:
            load = run_load(server, load_plan(options, size, scenario))
    metrics = [
        Metric("calls/s", load.per_second, "/s", target=5000),
        Metric("p50", load.latency_ms.p50, "ms"),
        Metric("p99", load.latency_ms.p99, "ms", target=50, at_least=False),
        Metric("calls/s CPU-bound ceiling", cpu_ceiling(load), "/s"),
    ]
    notes = [f"{options.server.describe()}; 1 SKU of {size.skus:,} across {size.locations} locations"]
    notes += [load_note("availability", load), breakdown_note("availability", in_process)]
    notes += [f"first error: {load.error_sample}"] if load.error_sample else []
    show("Availability", metrics, notes)
    if profile:
        console.print(breakdown.top_functions(profile))
    parameters = {"locations": size.locations, "skus": size.skus, "positions": positions, "server": options.server}
    details = {"load": load, "in_process": in_process}
    write("availability", quick=options.quick, parameters=parameters, metrics=metrics, details=details)
