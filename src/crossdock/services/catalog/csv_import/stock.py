"""Stock files: applied as one snapshot per location, with the file's feed sequence.

Each location's counts become objects only while that location is applied. Locations commit in
groups of about GROUP_ROWS rows: the whole file was checked first, so only a concurrent newer
feed can stop an import half-way, and the report then says which locations were applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from crossdock.db.models import Product, StockPosition
from crossdock.domain.errors import DomainError
from crossdock.services import clock
from crossdock.services.catalog.csv_import.report import ImportReport, Progress
from crossdock.services.catalog.csv_import.stock_rows import LocationCounts, read_counts, refuse_repeats, refuse_stale
from crossdock.services.inventory.apply_snapshot import CountedStock, SnapshotResult, apply_snapshot
from crossdock.services.inventory.shortages import release_shortages, short_positions

UPDATE_CHUNK = 500
GROUP_ROWS = 20_000


def import_stock(
    path: Path, sequence: int, *, complete: bool, partial: bool, actor: str, report: ImportReport, progress: Progress
) -> None:
    sku_ids = dict(Product.objects.values_list("sku", "id"))
    sku_of = {pk: sku for sku, pk in sku_ids.items()}
    counts = read_counts(path, sku_ids, report, progress)
    refuse_stale(counts, sequence, report)
    refuse_repeats(counts, sku_of, report)
    if report.error_count and not partial:
        report.refused = True
        return
    readable = sum(len(location.products) for location in counts)
    report.skipped = report.rows - readable + sum(len(c.products) if c.stale else len(c.dropped) for c in counts)
    progress.start("Importing", readable)
    for group in _groups([location for location in counts if not location.stale]):
        if not _apply_group(group, sequence, sku_of, complete=complete, actor=actor, report=report):
            return
        progress.advance(sum(len(location.products) for location in group))


def _groups(counts: list[LocationCounts]) -> Iterator[list[LocationCounts]]:
    """Locations in runs of about GROUP_ROWS rows: fewer commits than one per location, and no
    transaction so long that it holds up order capture on the same stock rows."""
    group: list[LocationCounts] = []
    rows = 0
    for location in counts:
        group.append(location)
        rows += len(location.products)
        if rows >= GROUP_ROWS:
            yield group
            group, rows = [], 0
    if group:
        yield group


def _apply_group(
    group: list[LocationCounts],
    sequence: int,
    sku_of: dict[int, str],
    *,
    complete: bool,
    actor: str,
    report: ImportReport,
) -> bool:
    """Apply each location's snapshot in one transaction. False (and nothing of the group) on an error."""
    outcomes: list[tuple[int, str]] = []
    location = group[0]
    try:
        with transaction.atomic():
            for location in group:
                outcomes.append(_apply_location(location, sequence, sku_of, complete=complete, actor=actor))
    except DomainError as error:
        report.add_error(location.first_line, error.field or "", f"{location.code}: {error.message}")
        report.refused = True
        report.notes.append(f"stopped at {location.code}: the locations noted above were applied, the rest were not")
        return False
    for applied, note in outcomes:
        report.applied += applied
        report.notes.append(note)
    return True


def _apply_location(
    location: LocationCounts, sequence: int, sku_of: dict[int, str], *, complete: bool, actor: str
) -> tuple[int, str]:
    """(rows applied, a line for the report)."""
    kept = [index for index in range(len(location.products)) if index not in location.dropped]
    counted = [CountedStock(sku_of[location.products[i]], location.on_hand[i]) for i in kept]
    result = apply_snapshot(location.code, sequence, counted, complete=complete, actor=actor)
    if result.duplicate:
        return 0, f"{location.code}: feed {sequence} was already applied; nothing changed"
    safety = [(location.products[i], location.safety_stock[i]) for i in kept if location.safety_stock[i] >= 0]
    _set_safety_stock(location.location_id, safety, actor)
    return len(kept), _describe(location.code, result)


def _set_safety_stock(location_id: int, values: list[tuple[int, int]], actor: str) -> None:
    """One UPDATE per value and chunk. If that leaves positions short of what they have reserved, the
    youngest reservations give way, as after a low count."""
    by_value: dict[int, list[int]] = defaultdict(list)
    for product_id, value in values:
        by_value[value].append(product_id)
    now = clock.now()
    for value, product_ids in sorted(by_value.items()):
        for start in range(0, len(product_ids), UPDATE_CHUNK):
            StockPosition.objects.filter(
                location_id=location_id, product_id__in=product_ids[start : start + UPDATE_CHUNK]
            ).exclude(safety_stock=value).update(safety_stock=value, updated_at=now)
    release_shortages(short_positions(location_id), actor=actor, now=now)


def _describe(code: str, result: SnapshotResult) -> str:
    text = f"{code}: {result.changed} changed, {result.unchanged} unchanged, {result.created} new"
    if result.zeroed:
        text += f", {result.zeroed} set to zero"
    if result.released_units:
        text += f", {result.released_units} reserved units released"
    return text
