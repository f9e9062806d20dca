"""The entry point: which kind of file, and how strictly."""

from __future__ import annotations

from pathlib import Path

from crossdock.domain.errors import InvalidInput
from crossdock.services.catalog.csv_import.deltas import import_deltas
from crossdock.services.catalog.csv_import.reading import COLUMNS, check_header, count_rows
from crossdock.services.catalog.csv_import.reference import LOCATIONS, PRODUCTS, import_reference
from crossdock.services.catalog.csv_import.report import ImportReport, Progress, Silent
from crossdock.services.catalog.csv_import.stock import import_stock

KINDS = tuple(COLUMNS)
FEEDS = ("stock", "deltas")  # files that carry a feed sequence

__all__ = ["FEEDS", "KINDS", "count_rows", "import_csv"]


def import_csv(
    kind: str,
    path: Path,
    *,
    partial: bool = False,
    sequence: int | None = None,
    complete: bool = False,
    actor: str = "cli:import",
    progress: Progress | None = None,
) -> ImportReport:
    """Import one CSV file of `kind`: locations, products, stock or deltas.

    Every row is checked before anything is written. A bad row (its line and column are in the
    report) refuses the whole file, unless `partial`: then bad rows are skipped and the rest applied.
    Stock and deltas need the file's feed `sequence`, applied per location (an older one than a location has
    already taken refuses that location, the same one again changes nothing); with `complete`, positions a
    stock file leaves out go to zero. Deltas are relative movements (services/inventory/apply_deltas.py).
    Raises InvalidInput for an unknown kind or a feed file without a sequence (or a negative one), OSError and
    UnicodeDecodeError for a file that cannot be read. Bad content is reported, never raised.
    """
    if kind not in COLUMNS:
        raise InvalidInput(f"cannot import {kind!r}; choose one of {', '.join(KINDS)}", field="kind")
    if kind in FEEDS and sequence is None:
        raise InvalidInput(f"a {kind} file needs its feed sequence", field="sequence")
    if sequence is not None and sequence < 0:
        raise InvalidInput("the feed sequence cannot be negative", field="sequence")
    report, progress = ImportReport(kind=kind), progress or Silent()
    if not check_header(path, kind, report):
        report.refused = True
        return report
    progress.start("Checking", count_rows(path))
    if sequence is not None and kind == "stock":
        import_stock(path, sequence, complete=complete, partial=partial, actor=actor, report=report, progress=progress)
    elif sequence is not None and kind == "deltas":
        import_deltas(path, sequence, partial=partial, actor=actor, report=report, progress=progress)
    elif kind == "locations":
        import_reference(path, LOCATIONS, partial=partial, report=report, progress=progress)
    else:
        import_reference(path, PRODUCTS, partial=partial, report=report, progress=progress)
    return report
