"""Order capture over HTTP: POST /orders against a bare one-write endpoint, in the same run."""

from __future__ import annotations

from benchmarks import breakdown, seed
from benchmarks.environment import fresh_database
from benchmarks.http_run import HttpSize, breakdown_note, cpu_ceiling, load_note, load_plan
from benchmarks.load import LoadResult, run_load
from benchmarks.options import Options
from benchmarks.report import RESULTS, Metric, console, show, write
from benchmarks.scenarios import Kind, Scenario
from benchmarks.server import gunicorn

AMPLE_STOCK = "1000000"

FULL = HttpSize(locations=200, skus=3000, seconds=30, warmup_s=5, connections=8, breakdown_requests=300)
QUICK = HttpSize(locations=20, skus=300, seconds=5, warmup_s=2, connections=8, breakdown_requests=50)


def run(options: Options) -> None:
    size = QUICK if options.quick else FULL
    with fresh_database(options.env):
        seed.seed_network(seed.Network(locations=size.locations, skus=size.skus))
        positions = seed.seed_positions(on_hand_sql=AMPLE_STOCK)
        token = seed.bench_token()
        orders = Scenario(Kind.ORDER, token, size.skus, run_id="order")
        probe = Scenario(Kind.PROBE, token, size.skus, run_id="probe")
        profile = RESULTS / "order_capture.prof" if options.profile else None
        in_process = {
            "order": breakdown.measure(orders, size.breakdown_requests, profile_to=profile),
            "bare": breakdown.measure(probe, size.breakdown_requests),
        }
        with gunicorn(options.server, options.env, options.server_log) as server:
            loads = {"bare": run_load(server, load_plan(options, size, probe))}
            loads["orders"] = run_load(server, load_plan(options, size, orders))
    metrics = _metrics(loads["orders"], loads["bare"])
    notes = [f"{options.server.describe()}; {size.locations} locations × {size.skus} SKUs"]
    notes += [load_note(label, result) for label, result in loads.items()]
    notes += [breakdown_note(label, result) for label, result in in_process.items()]
    notes += [f"first error ({label}): {r.error_sample}" for label, r in loads.items() if r.error_sample]
    show("Order capture", metrics, notes)
    if profile:
        console.print(breakdown.top_functions(profile))
    parameters = {"locations": size.locations, "skus": size.skus, "positions": positions, "server": options.server}
    details = {**loads, "in_process": in_process}
    write("order_capture", quick=options.quick, parameters=parameters, metrics=metrics, details=details)


def _metrics(orders: LoadResult, bare: LoadResult) -> list[Metric]:
    ratio = orders.per_second / bare.per_second if bare.per_second else 0.0
    return [
        Metric("orders/s", orders.per_second, "/s", target=1000),
        Metric("order p50", orders.latency_ms.p50, "ms"),
        Metric("order p99", orders.latency_ms.p99, "ms", target=100, at_least=False),
        Metric("bare write/s", bare.per_second, "/s"),
        Metric("bare write p99", bare.latency_ms.p99, "ms"),
        Metric("ratio orders ÷ bare", round(ratio, 3), "", target=0.5),
        Metric("orders/s CPU-bound ceiling", cpu_ceiling(orders), "/s"),
        Metric("bare/s CPU-bound ceiling", cpu_ceiling(bare), "/s"),
        # Unlike the measured ratio, this one does not move with other load on the box.
        Metric("ratio of the ceilings", round(cpu_ceiling(orders) / (cpu_ceiling(bare) or 1), 3), "", target=0.5),
    ]
