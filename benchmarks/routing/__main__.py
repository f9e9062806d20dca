"""`python -m benchmarks.routing [--quick] [--live-only]`: routing quality and speed; a table, and
benchmarks/results/routing.json (`--live-only` re-measures the live decision rows and keeps the suites)."""

from __future__ import annotations

import argparse
import json
import platform
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.routing.generator import CAPACITY, LARGE, SCALE, SMALL, generate
from benchmarks.routing.live import BASE_PROFILE, measure
from benchmarks.routing.suite import SuiteResult, run_suite
from crossdock.domain.routing.batch import BatchSettings
from crossdock.domain.routing.evaluation import Mode

RESULTS = Path(__file__).resolve().parent.parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.routing")
    parser.add_argument("--quick", action="store_true", help="small instances only (a minute)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--live-only", action="store_true", help="only the live decision timing (a few minutes)")
    args = parser.parse_args()
    console = Console(width=180)
    out = args.out or RESULTS / ("routing.quick.json" if args.quick else "routing.json")
    report: dict[str, Any] = {"machine": _machine(), "suites": [], "live": []}
    if args.live_only and out.exists():
        report["suites"] = json.loads(out.read_text()).get("suites", [])
    for raw, options in [] if args.live_only else _plan(args.quick, args.seed):
        console.print(f"[bold]{raw['name']}[/]: {len(raw['orders'])} orders, {len(raw['locations'])} locations …")
        result = run_suite(raw, **options)
        console.print(_table(result))
        report["suites"].append(result.as_dict())
    orders = 500 if args.quick else 2000
    for density in (0.1, 0.3) if args.quick else (0.1, 0.3, 0.6):
        report["live"].append(asdict(measure(density=density, orders=orders)))
    report["live"].append(asdict(measure(density=0.3, orders=orders, model=BASE_PROFILE)))
    console.print(_live_table(report["live"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    console.print(f"written to {out}")


def _plan(quick: bool, seed: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    small = {"reference_limit": 120.0, "exactness_every": 5}
    if quick:
        return [(generate(SMALL, seed), small)]
    return [
        (generate(SMALL, seed), small),
        (generate(CAPACITY, seed), small),
        (generate(LARGE, seed), {"reference_limit": 300.0, "exactness_every": 40}),
        (
            generate(SCALE, seed),
            {
                "modes": (Mode.ONLINE, Mode.BATCH),
                "baselines": False,
                "reference_limit": 0.0,
                "batch": BatchSettings(60.0),
            },
        ),
    ]


def _table(result: SuiteResult) -> Table:
    table = Table(
        title=f"{result.instance}: lower bound {result.lower_bound:,.2f}, best known {result.best_known:,.2f}"
    )
    for column in (
        "method",
        "cost",
        "÷ bound",
        "parcels/order",
        "split rate",
        "unfilled",
        "p50 ms",
        "p99 ms",
        "seconds",
        "note",
    ):
        table.add_column(column, justify="left" if column in ("method", "note") else "right")
    for row in result.rows:
        table.add_row(
            row.method,
            f"{row.cost:,.2f}",
            f"{result.ratio(row):.4f}",
            f"{row.parcels_per_order:.3f}",
            f"{row.split_rate:.3f}",
            str(row.unfilled_units),
            f"{row.p50_ms:.3f}",
            f"{row.p99_ms:.3f}",
            f"{row.seconds:.2f}",
            row.note,
        )
    extra = result.as_dict()
    if "lookahead_gap_closed" in extra:
        table.caption = f"lookahead closes {extra['lookahead_gap_closed']:.1%} of the online → optimum gap"
    if result.exactness:
        exact = result.exactness
        table.caption = (table.caption or "") + f"; online exact on {exact['exact']}/{exact['checked']} orders checked"
    return table


def _live_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="live decision: 5-line order, 200 candidate locations")
    for column in (
        "density",
        "profile",
        "decisions",
        "decide p50 ms",
        "decide p99 ms",
        "explain p50 ms",
        "explain p99 ms",
        "MILP fallbacks",
    ):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            f"{row['density']:.1f}",
            row["profile"],
            str(row["decisions"]),
            f"{row['decide_p50_ms']:.3f}",
            f"{row['decide_p99_ms']:.3f}",
            f"{row['explain_p50_ms']:.3f}",
            f"{row['explain_p99_ms']:.3f}",
            str(row["milp_fallbacks"]),
        )
    return table


def _machine() -> dict[str, Any]:
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    return {"python": platform.python_version(), "platform": platform.platform(), "loadavg": load, "when": time.time()}


if __name__ == "__main__":
    main()
