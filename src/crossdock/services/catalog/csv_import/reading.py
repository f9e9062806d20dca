"""Reading CSV files as a stream of (line number, row), and checking their header."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from crossdock.services.catalog.csv_import.report import ImportReport

# Per kind: the required columns, then the optional ones.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "locations": (
        ("code", "name", "type", "latitude", "longitude"),
        ("timezone", "city", "country", "capabilities", "daily_capacity", "opening_hours"),
    ),
    "products": (("sku", "name", "price"), ("currency", "brand", "category", "barcode", "image_url", "attributes")),
    "stock": (("location", "sku", "on_hand"), ("safety_stock",)),
    "deltas": (("location", "sku", "delta"), ()),
}


SURPLUS = "(surplus cells)"
MISSING = "(missing cells)"


def rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row with the line it ends on, cells stripped; a missing cell reads as empty."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, restval="", restkey=SURPLUS)
        for row in reader:
            yield reader.line_num, {name.strip(): _cell(value) for name, value in row.items()}


def records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each data row as raw cells with the line it ends on: the fast path for files of millions of rows."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for cells in reader:
            if cells:  # a blank line is no row, as for DictReader
                yield reader.line_num, cells


def header_of(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [name.strip() for name in next(csv.reader(handle), [])]


def check_header(path: Path, kind: str, report: ImportReport) -> bool:
    """Record an error on line 1 for each unknown, repeated or missing column. True if there is none."""
    header = header_of(path)
    required, optional = COLUMNS[kind]
    for index, name in enumerate(header):
        if name not in required + optional:
            report.add_error(1, name, f"unknown column; a {kind} file has {', '.join(required + optional)}")
        elif name in header[:index]:
            report.add_error(1, name, "the column appears twice")
    for name in required:
        if name not in header:
            report.add_error(1, name, "required column is missing")
    return report.error_count == 0


def count_rows(path: Path) -> int:
    """Lines after the header, for a progress bar (a quoted cell with line breaks counts more than once)."""
    with path.open("rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return max(0, lines - 1)


def _cell(value: str | list[str] | None) -> str:
    if isinstance(value, list):  # the surplus cells of a row longer than the header
        return ",".join(value).strip()
    return (value or "").strip()
