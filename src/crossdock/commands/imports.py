"""`crossdock import locations|products|stock|deltas FILE.csv`: load reference data, stock counts and stock
movements from CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from crossdock.domain.errors import DomainError
from crossdock.services.catalog.csv_import import FEEDS, KINDS, ImportReport, import_csv

SHOWN_ERRORS = 50


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser(
        "import",
        help="import locations, products, stock counts or stock movements (deltas) from a CSV file",
        description="Every row is checked first; one bad row refuses the file unless --partial is given.",
    )
    command.add_argument("kind", choices=KINDS)
    command.add_argument("file", type=Path, help="a CSV file with a header row (see docs/demo.md)")
    command.add_argument("--partial", action="store_true", help="skip bad rows, report them, import the rest")
    command.add_argument("--sequence", type=int, help="stock and deltas: the feed's sequence number (required)")
    command.add_argument("--complete", action="store_true", help="stock only: positions not in the file go to 0")
    command.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    console = Console(soft_wrap=True)
    if args.kind in FEEDS and args.sequence is None:
        console.print(
            f"[red]A {args.kind} file needs --sequence N[/red] (the feed's sequence; older ones are refused)."
        )
        return 2
    if not args.file.is_file():
        console.print(f"[red]No such file:[/red] {args.file}")
        return 2
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        ) as bar:
            report = import_csv(
                args.kind,
                args.file,
                partial=args.partial,
                sequence=args.sequence,
                complete=args.complete,
                progress=_RichProgress(bar),
            )
    except (DomainError, UnicodeDecodeError) as error:
        console.print(f"[red]Cannot import {args.file}:[/red] {error}")
        return 2
    _print_report(console, report, args.file)
    return 1 if report.refused else 0


class _RichProgress:
    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def start(self, description: str, total: int) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[self.task].total)
        self.task = self.bar.add_task(description, total=total)

    def advance(self, rows: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, rows)


def _print_report(console: Console, report: ImportReport, path: Path) -> None:
    if report.errors:
        verdict = "refused" if report.refused else "skipped"
        table = Table(title=f"{report.error_count} bad row(s) in {path}, {verdict}")
        for column in ("line", "field", "problem"):
            table.add_column(column)
        for error in report.errors[:SHOWN_ERRORS]:
            table.add_row(str(error.line), error.field, error.message)
        console.print(table)
        if report.error_count > SHOWN_ERRORS:
            console.print(f"… and {report.error_count - SHOWN_ERRORS} more.")
    for note in report.notes[-20:]:
        console.print(note, style="dim")
    if report.refused and report.applied:
        console.print(f"[red]Stopped[/red] after {report.applied:,} of {report.rows:,} rows; see the notes above.")
        return
    if report.refused:
        console.print(f"[red]Refused:[/red] nothing was imported from {path} ({report.rows:,} rows read).")
        if report.errors and report.errors[0].line > 1:
            console.print("Fix the rows above, or run again with --partial to skip them.")
        return
    skipped = f", {report.skipped:,} skipped" if report.skipped else ""
    console.print(f"[green]Imported[/green] {report.applied:,} of {report.rows:,} {report.kind} rows{skipped}.")
