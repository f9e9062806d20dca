"""Reading a stock file into compact per-location counts, and finding the rows that cannot be applied.

Rows are held as integer arrays per location (32 bytes a row), not as objects, so a file of a
million rows stays small in memory.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from crossdock.db.models import Location, LocationFeed
from crossdock.domain.stock import MAX_ON_HAND
from crossdock.services.catalog.csv_import.reading import MISSING, SURPLUS, header_of, records
from crossdock.services.catalog.csv_import.report import BadField, ImportReport, Progress, Ticker

NOT_GIVEN = -1  # an empty safety_stock cell leaves the position's safety stock as it is
LARGEST_COUNT = MAX_ON_HAND


@dataclass(slots=True)
class LocationCounts:
    code: str
    location_id: int
    first_line: int
    products: array[int] = field(default_factory=lambda: array("q"))
    on_hand: array[int] = field(default_factory=lambda: array("q"))
    safety_stock: array[int] = field(default_factory=lambda: array("q"))
    lines: array[int] = field(default_factory=lambda: array("q"))
    dropped: set[int] = field(default_factory=set)  # indexes of rows not to apply (repeats)
    stale: bool = False

    def add(self, product_id: int, on_hand: int, safety_stock: int, line: int) -> None:
        self.products.append(product_id)
        self.on_hand.append(on_hand)
        self.safety_stock.append(safety_stock)
        self.lines.append(line)


class Columns:
    """Where each column of a stock file is, and how to read one row of raw cells."""

    def __init__(self, header: list[str]) -> None:
        self.width = len(header)
        self.location, self.sku, self.on_hand = (header.index(name) for name in ("location", "sku", "on_hand"))
        self.safety = header.index("safety_stock") if "safety_stock" in header else None

    def read(
        self, cells: list[str], location_ids: dict[str, int], sku_ids: dict[str, int]
    ) -> tuple[str, str, int, int]:
        """(location, sku, on_hand, safety stock or NOT_GIVEN). Raises BadField."""
        if len(cells) != self.width:
            column = SURPLUS if len(cells) > self.width else MISSING
            raise BadField(column, f"{len(cells)} cells, the header has {self.width}")
        code, sku = cells[self.location].strip(), cells[self.sku].strip()
        if code not in location_ids:
            raise BadField("location", f"unknown location {code!r}")
        if sku not in sku_ids:
            raise BadField("sku", f"unknown sku {sku!r}")
        on_hand = _count(cells[self.on_hand], "on_hand")
        safety = cells[self.safety].strip() if self.safety is not None else ""
        return code, sku, on_hand, _count(safety, "safety_stock") if safety else NOT_GIVEN


def read_counts(path: Path, sku_ids: dict[str, int], report: ImportReport, progress: Progress) -> list[LocationCounts]:
    """Every good row, grouped by location in the order locations first appear; bad rows are reported."""
    location_ids = dict(Location.objects.values_list("code", "id"))
    by_code: dict[str, LocationCounts] = {}
    columns = Columns(header_of(path))
    ticker = Ticker(progress)
    for line, cells in records(path):
        report.rows += 1
        ticker.tick()
        try:
            code, sku, on_hand, safety = columns.read(cells, location_ids, sku_ids)
        except BadField as error:
            report.add_error(line, error.field, error.message)
            continue
        counts = by_code.get(code)
        if counts is None:
            counts = by_code[code] = LocationCounts(code, location_ids[code], line)
        counts.add(sku_ids[sku], on_hand, safety, line)
    ticker.flush()
    return list(by_code.values())


class LocationRows(Protocol):
    """One location's rows of a feed file (counts or deltas)."""

    code: str
    location_id: int
    first_line: int
    stale: bool


def refuse_stale(counts: Sequence[LocationRows], sequence: int, report: ImportReport) -> None:
    """A location whose newest applied feed is newer than this file's sequence cannot take it."""
    newest = dict(
        LocationFeed.objects.filter(location_id__in=[c.location_id for c in counts]).values_list(
            "location_id", "sequence"
        )
    )
    for location in counts:
        applied = newest.get(location.location_id)
        if applied is not None and sequence < applied:
            location.stale = True
            message = f"{location.code} already has feed {applied}, newer than {sequence}"
            report.add_error(location.first_line, "sequence", message)


def refuse_repeats(counts: list[LocationCounts], sku_of: dict[int, str], report: ImportReport) -> None:
    """A SKU counted twice at one location: its later rows are errors (skipped with `partial`)."""
    for location in counts:
        products = location.products
        # A stable sort keeps each SKU's rows in file order, so a group's first row is the one kept.
        order = sorted(range(len(products)), key=products.__getitem__)
        first = order[0] if order else 0
        for index in order[1:]:
            if products[index] != products[first]:
                first = index
                continue
            location.dropped.add(index)
            sku, line = sku_of[products[index]], location.lines[first]
            report.add_error(location.lines[index], "sku", f"{sku} at {location.code} is already on line {line}")


def _count(cell: str, name: str) -> int:
    value = cell.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > LARGEST_COUNT:
        raise BadField(name, f"{value!r} is not a whole number from 0 to {LARGEST_COUNT:,}")
    return int(value)
