"""`crossdock replay --profile draft.json [--since 30d] [--csv out.csv]`: past orders under a draft profile.

Prints the KPI table (what happened, the draft, the difference), the load per location that changed and
the orders skipped; `--csv` writes one row per replayed order. Exit 0, or 2 when the input is unusable
(unreadable or invalid profile JSON — the field is named —, a bad `--since`, a CSV path that cannot be
written). Reads only.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from crossdock.domain.errors import DomainError
from crossdock.domain.routing.replay import LOW_RELIABILITY, LocationLoad
from crossdock.domain.routing.replay_report import CSV_COLUMNS, KPIS, OrderReplay, csv_row
from crossdock.services.routing.replay import ReplayReport, replay_profile

EXIT_BAD_INPUT = 2
SHOWN_LOCATIONS = 20
_DESCRIPTIONS = dict(KPIS)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "replay",
        help="re-run past orders under a draft routing profile and compare the KPIs with what happened",
        description="Each order is decided again from the stock and standing recorded when it was routed "
        "(a per-order counterfactual; see docs/routing.md, Replay).",
    )
    parser.add_argument("--profile", type=Path, required=True, help="the draft spec, or {name, spec} (JSON)")
    parser.add_argument("--since", default="30d", help='"30d", "12h" or an ISO date (default 30d)')
    parser.add_argument("--csv", type=Path, help="write one row per replayed order here")
    parser.add_argument("--limit", type=int, help="replay only the most recent N orders of the window")
    parser.add_argument(
        "--low-reliability", type=float, default=LOW_RELIABILITY, help="score below which a store counts as unreliable"
    )
    parser.set_defaults(handler=replay)


def replay(args: argparse.Namespace) -> int:
    """Replay and print; 0 on success, 2 (with the reason) when the input is unusable."""
    console = Console(soft_wrap=True)
    spec = _read_spec(console, args.profile)
    if spec is None:
        return EXIT_BAD_INPUT
    if (args.limit is not None and args.limit < 1) or not 0.0 <= args.low_reliability <= 1.0:
        console.print("[red]replay:[/red] --limit must be ≥ 1 and --low-reliability within [0, 1]")
        return EXIT_BAD_INPUT
    sink = _CsvSink(args.csv)
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        ) as bar:
            report = replay_profile(
                spec,
                since=args.since,
                limit=args.limit,
                low_reliability=args.low_reliability,
                progress=_Bar(bar),
                each=sink.write,
            )
        sink.close()
    except DomainError as error:
        console.print(f"[red]replay: invalid input:[/red] {error.field or 'input'}: {error.message}")
        return EXIT_BAD_INPUT
    except OSError as error:
        console.print(f"[red]replay: cannot write {args.csv}:[/red] {error.strerror or error}")
        return EXIT_BAD_INPUT
    _print_report(console, report, args.csv)
    return 0


def _read_spec(console: Console, path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except OSError as error:
        console.print(f"[red]replay: cannot read {path}:[/red] {error.strerror or error}")
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        console.print(f"[red]replay: {path} is not valid JSON:[/red] {error}")
        return None
    spec = data.get("spec", data) if isinstance(data, dict) else data  # a bare spec, or a profile {name, spec}
    if not isinstance(spec, dict):
        console.print(f"[red]replay: invalid input:[/red] spec: {path} must hold a JSON object")
        return None
    return spec


class _CsvSink:
    """Opens the file at the first row (a refused replay leaves no file behind)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.file: TextIO | None = None
        self.writer: csv.DictWriter[str] | None = None

    def write(self, replayed: OrderReplay) -> None:
        if self.path is None:
            return
        if self.writer is None:
            self.file = self.path.open("w", newline="", encoding="utf-8")
            self.writer = csv.DictWriter(self.file, fieldnames=CSV_COLUMNS)
            self.writer.writeheader()
        self.writer.writerow(csv_row(replayed))

    def close(self) -> None:
        """Finish the file; with no order replayed it holds the header only."""
        if self.path is not None and self.file is None:
            with self.path.open("w", newline="", encoding="utf-8") as file:
                csv.DictWriter(file, fieldnames=CSV_COLUMNS).writeheader()
        if self.file is not None:
            self.file.close()


class _Bar:
    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def start(self, description: str, total: int) -> None:
        self.task = self.bar.add_task(description, total=total)

    def advance(self, rows: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, rows)


def _print_report(console: Console, report: ReplayReport, path: Path | None) -> None:
    window = f"{report.since:%Y-%m-%d %H:%M} – {report.until:%Y-%m-%d %H:%M} UTC"
    table = Table(title=f"Replay, {window}: {report.changed} of {report.actual.orders} orders routed otherwise")
    for column in ("KPI", "what happened", "draft", "difference"):
        table.add_column(column, justify="left" if column == "KPI" else "right")
    for row in report.kpis:
        table.add_row(_DESCRIPTIONS[row.name], _number(row.actual), _number(row.draft), _number(row.delta, sign=True))
    console.print(table)
    changed = [load for load in report.loads if load.actual != load.draft]
    changed.sort(key=lambda load: (-abs(load.draft.units - load.actual.units), load.location))
    if changed:
        loads = Table(title="Load per location (units / fulfilments) where it changed")
        for column in ("location", "what happened", "draft"):
            loads.add_column(column)
        for load in changed[:SHOWN_LOCATIONS]:
            loads.add_row(load.location, _load(load.actual), _load(load.draft))
        console.print(loads)
        if len(changed) > SHOWN_LOCATIONS:
            console.print(f"… and {len(changed) - SHOWN_LOCATIONS} more locations.")
    skipped = ", ".join(f"{reason} {count}" for reason, count in sorted(report.skipped.items()))
    console.print(f"Skipped orders: {skipped or 'none'}.")
    if report.left_out:
        console.print(f"Left out (over --limit): {report.left_out} older orders.")
    if path is not None:
        console.print(f"Per-order differences: {path}")


def _number(value: float, *, sign: bool = False) -> str:
    text = f"{value:+,.4f}" if sign else f"{value:,.4f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _load(load: LocationLoad) -> str:
    return f"{load.units} / {load.fulfilments}"
