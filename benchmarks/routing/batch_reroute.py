"""`python -m benchmarks.routing.batch_reroute`: batch re-routing of 10,000 open orders × 100 locations.

The situation of `crossdock reroute`: the orders were placed one at a time (online, exact per order),
and the batch re-optimises them together from their current plans within its time limit. Reports the
online cost, the batch cost, the proved lower bound and gap, and the seconds, and writes
benchmarks/results/routing_batch.json.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.routing.generator import SCALE, generate
from crossdock.domain.routing.batch import BatchSettings, solve_batch
from crossdock.domain.routing.colgen import lean
from crossdock.domain.routing.instance import parse_instance
from crossdock.domain.routing.sequential import OnlineRouter, route_all

RESULTS = Path(__file__).resolve().parent.parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.routing.batch_reroute")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--warm-columns", action="store_true", help="seed the next-best one/two-location plans")
    parser.add_argument(
        "--clock", choices=["wall", "process"], default="wall", help="process: CPU seconds (a shared, loaded machine)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "routing_batch.json")
    args = parser.parse_args()
    print(
        json.dumps(
            measure(args.seed, args.time_limit, warm=args.warm_columns, out=args.out, clock=args.clock), indent=1
        )
    )


def measure(seed: int, time_limit: float, *, warm: bool, out: Path | None, clock: str = "wall") -> dict[str, Any]:
    tick = time.process_time if clock == "process" else time.perf_counter
    instance = parse_instance(generate(SCALE, seed))
    network = instance.network()
    started = tick()
    online = [
        lean(plan) for plan in route_all(OnlineRouter(network=network, inventory=instance.inventory()), instance.orders)
    ]
    online_seconds = tick() - started
    settings = BatchSettings(time_limit=time_limit, warm_columns=warm)
    started = tick()
    result = solve_batch(
        instance.orders,
        network=network,
        inventory=instance.inventory(),
        settings=settings,
        clock=tick,
        start=online,
    )
    seconds = tick() - started
    online_cost = sum(plan.cost for plan in online)
    report = {
        "instance": instance.name,
        "orders": len(instance.orders),
        "locations": len(instance.locations),
        "settings": asdict(settings),
        "clock": clock,
        "online_cost": round(online_cost, 4),
        "online_seconds": round(online_seconds, 2),
        "batch_cost": round(result.cost, 4),
        "saved": round(online_cost - result.cost, 4),
        "saved_share": round((online_cost - result.cost) / online_cost, 5),
        "lower_bound": round(result.lower_bound, 4),
        "gap": round(result.gap, 5),
        "rounds": result.rounds,
        "columns": result.columns,
        "mip_status": result.mip_status,
        "batch_seconds": round(seconds, 2),
    }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1) + "\n")
    return report


if __name__ == "__main__":
    main()
