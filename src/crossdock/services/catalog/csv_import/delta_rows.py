"""Reading a delta file into compact per-location movements, and finding the rows that cannot be applied.

Rows are held as integer arrays per location, as for stock files, so a file of a million rows stays small.
A delta row is `location,sku,delta`: a signed whole number of units that moved (never zero).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path

from crossdock.db.models import Location, StockPosition
from crossdock.domain.stock import MAX_ON_HAND
from crossdock.services.catalog.csv_import.reading import MISSING, SURPLUS, header_of, records
from crossdock.services.catalog.csv_import.report import BadField, ImportReport, Progress, Ticker

LARGEST_DELTA = 1_000_000  # as the JSON feed


@dataclass(slots=True)
class LocationDeltas:
    code: str
    location_id: int
    first_line: int
    products: array[int] = field(default_factory=lambda: array("q"))
    deltas: array[int] = field(default_factory=lambda: array("q"))
    lines: array[int] = field(default_factory=lambda: array("q"))
    dropped: set[int] = field(default_factory=set)  # indexes of rows not to apply (below zero)
    stale: bool = False
    replay: bool = False  # the location has taken this very feed: applying it again changes nothing

    def kept(self) -> list[int]:
        return [index for index in range(len(self.products)) if index not in self.dropped]


def read_deltas(path: Path, sku_ids: dict[str, int], report: ImportReport, progress: Progress) -> list[LocationDeltas]:
    """Every good row, grouped by location in the order locations first appear; bad rows are reported."""
    location_ids = dict(Location.objects.values_list("code", "id"))
    header = header_of(path)
    columns = [header.index(name) for name in ("location", "sku", "delta")]
    by_code: dict[str, LocationDeltas] = {}
    ticker = Ticker(progress)
    for line, cells in records(path):
        report.rows += 1
        ticker.tick()
        try:
            code, product_id, delta = _read(cells, len(header), columns, location_ids, sku_ids)
        except BadField as error:
            report.add_error(line, error.field, error.message)
            continue
        moves = by_code.get(code) or by_code.setdefault(code, LocationDeltas(code, location_ids[code], line))
        moves.products.append(product_id)
        moves.deltas.append(delta)
        moves.lines.append(line)
    ticker.flush()
    return list(by_code.values())


def refuse_below_zero(locations: list[LocationDeltas], report: ImportReport) -> None:
    """A row that would take on-hand below zero (or above the largest count), the file's earlier rows for the
    same position applied first, is an error; a check before any lock, the feed itself checks again."""
    for moves in locations:
        if moves.stale or moves.replay:
            continue
        on_hand = dict(
            StockPosition.objects.filter(location_id=moves.location_id, product_id__in=set(moves.products)).values_list(
                "product_id", "on_hand"
            )
        )
        for index, (product_id, delta) in enumerate(zip(moves.products, moves.deltas, strict=True)):
            after = on_hand.get(product_id, 0) + delta
            if not 0 <= after <= MAX_ON_HAND:
                moves.dropped.add(index)
                where = "below zero" if after < 0 else f"above {MAX_ON_HAND:,}"
                report.add_error(moves.lines[index], "delta", f"on-hand at {moves.code} would go {where}")
                continue
            on_hand[product_id] = after


def _read(
    cells: list[str], width: int, columns: list[int], location_ids: dict[str, int], sku_ids: dict[str, int]
) -> tuple[str, int, int]:
    if len(cells) != width:
        raise BadField(SURPLUS if len(cells) > width else MISSING, f"{len(cells)} cells, the header has {width}")
    code, sku, delta = (cells[column].strip() for column in columns)
    if code not in location_ids:
        raise BadField("location", f"unknown location {code!r}")
    if sku not in sku_ids:
        raise BadField("sku", f"unknown sku {sku!r}")
    digits = delta[1:] if delta[:1] in "+-" else delta
    if not (digits.isascii() and digits.isdigit()) or not 0 < int(digits) <= LARGEST_DELTA:
        raise BadField("delta", f"{delta!r} is not a whole number from -{LARGEST_DELTA:,} to {LARGEST_DELTA:,}, not 0")
    return code, sku_ids[sku], int(delta)
