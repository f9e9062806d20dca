"""`crossdock reroute [--dry-run] [--time-limit 60] [--mip-gap 0.001]`: batch re-routing of open orders."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from crossdock.domain.routing.batch import BatchSettings
from crossdock.services import clock
from crossdock.services.routing.batch_reroute import BatchReport, reroute_open_orders

EXIT_BAD_INPUT = 2


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "reroute", help="re-optimise together every order not yet claimed or picked (and move the cheaper ones)"
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for the optimiser (default 60)")
    parser.add_argument("--mip-gap", type=float, default=1e-3, help="relative MIP gap (default 0.001)")
    parser.set_defaults(handler=reroute)


def reroute(args: argparse.Namespace) -> int:
    """0 on success; 2 (nothing done) for a time limit or gap out of range."""
    console = Console()
    if not (args.time_limit > 0 and 0 <= args.mip_gap < 1):
        console.print("reroute: --time-limit must be > 0 and --mip-gap within [0, 1)", style="red")
        return EXIT_BAD_INPUT
    settings = BatchSettings(time_limit=args.time_limit, mip_rel_gap=args.mip_gap)
    report = reroute_open_orders(now=clock.now(), clock=time.perf_counter, settings=settings, dry_run=args.dry_run)
    console.print(report_table(report))
    return 0


def report_table(report: BatchReport) -> Table:
    title = "batch re-route (dry run: nothing changed)" if report.dry_run else "batch re-route"
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        ("orders considered", str(report.considered)),
        ("groups (channel × profile)", str(report.groups)),
        ("orders with a cheaper plan", str(report.changed)),
        ("orders moved", "—" if report.dry_run else str(report.applied)),
        *((f"kept their plan: {why}", str(count)) for why, count in sorted(report.kept.items())),
        ("cost before", f"{report.cost_before:,.4f}"),
        ("cost after", f"{report.cost_after:,.4f}"),
        ("saved", f"{report.saved:,.4f}"),
        ("proved lower bound", f"{report.lower_bound:,.4f}"),
        ("proved gap", f"{report.gap:.4%}"),
        ("seconds", f"{report.seconds:.2f}"),
    ]
    for row in rows:
        table.add_row(*row)
    return table
