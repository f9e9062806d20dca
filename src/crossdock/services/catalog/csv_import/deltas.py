"""Delta files: relative movements per location, applied through the delta feed with the file's sequence.

The same rules as stock files: every row is checked first (unknown location or SKU, a delta that is not a
signed whole number, one that would take on-hand below zero) and one bad row refuses the file unless
`partial`; a location whose newest feed is newer than the file refuses it; the same sequence again changes
nothing. Locations commit in groups of about GROUP_ROWS rows; only a concurrent change can stop an import
half-way, and the report then says which locations were applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from crossdock.db.models import LocationFeed, Product
from crossdock.domain.errors import DomainError
from crossdock.services.catalog.csv_import.delta_rows import LocationDeltas, read_deltas, refuse_below_zero
from crossdock.services.catalog.csv_import.report import ImportReport, Progress
from crossdock.services.catalog.csv_import.stock_rows import refuse_stale
from crossdock.services.inventory.apply_deltas import StockDelta, apply_deltas

GROUP_ROWS = 20_000


def import_deltas(
    path: Path, sequence: int, *, partial: bool, actor: str, report: ImportReport, progress: Progress
) -> None:
    sku_ids = dict(Product.objects.values_list("sku", "id"))
    sku_of = {pk: sku for sku, pk in sku_ids.items()}
    locations = read_deltas(path, sku_ids, report, progress)
    refuse_stale(locations, sequence, report)
    _mark_replays(locations, sequence)
    refuse_below_zero(locations, report)
    if report.error_count and not partial:
        report.refused = True
        return
    applicable = [moves for moves in locations if not moves.stale]
    report.skipped = report.rows - sum(len(moves.kept()) for moves in applicable)
    progress.start("Importing", sum(len(moves.kept()) for moves in applicable))
    for group in _groups(applicable):
        if not _apply_group(group, sequence, sku_of, actor=actor, report=report):
            return
        progress.advance(sum(len(moves.kept()) for moves in group))


def _mark_replays(locations: list[LocationDeltas], sequence: int) -> None:
    newest = dict(
        LocationFeed.objects.filter(location_id__in=[m.location_id for m in locations]).values_list(
            "location_id", "sequence"
        )
    )
    for moves in locations:
        moves.replay = newest.get(moves.location_id) == sequence


def _groups(locations: list[LocationDeltas]) -> Iterator[list[LocationDeltas]]:
    group: list[LocationDeltas] = []
    rows = 0
    for moves in locations:
        group.append(moves)
        rows += len(moves.products)
        if rows >= GROUP_ROWS:
            yield group
            group, rows = [], 0
    if group:
        yield group


def _apply_group(
    group: list[LocationDeltas], sequence: int, sku_of: dict[int, str], *, actor: str, report: ImportReport
) -> bool:
    """Each location's deltas as one feed, the group in one transaction. False (and nothing of the group) on an
    error, which is reported on the line at fault."""
    notes: list[str] = []
    applied = 0
    moves = group[0]
    try:
        with transaction.atomic():
            for moves in group:
                kept = moves.kept()
                if not kept:
                    notes.append(f"{moves.code}: no row left to apply")
                    continue
                deltas = [StockDelta(sku_of[moves.products[i]], moves.deltas[i]) for i in kept]
                result = apply_deltas(moves.code, sequence, deltas, actor=actor)
                if result.duplicate:
                    notes.append(f"{moves.code}: feed {sequence} was already applied; nothing changed")
                else:
                    applied += result.applied
                    notes.append(f"{moves.code}: {result.applied} movements applied")
    except DomainError as error:
        report.add_error(_line_of(moves, error.field), _column_of(error.field), f"{moves.code}: {error.message}")
        report.refused = True
        report.notes.append(f"stopped at {moves.code}: the locations noted above were applied, the rest were not")
        return False
    report.applied += applied
    report.notes.extend(notes)
    return True


def _line_of(moves: LocationDeltas, field: str | None) -> int:
    """The file line of `deltas[i]…` (i counts the rows applied), else the location's first line."""
    if field and field.startswith("deltas["):
        kept = moves.kept()
        index = int(field[len("deltas[") : field.index("]")])
        if index < len(kept):
            return moves.lines[kept[index]]
    return moves.first_line


def _column_of(field: str | None) -> str:
    return field.rsplit(".", 1)[-1] if field and field.startswith("deltas[") else field or ""
