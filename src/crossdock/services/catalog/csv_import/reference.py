"""Locations and products files: check every row, then upsert in batches in one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from django.db import IntegrityError, transaction

from crossdock.db.models import Product
from crossdock.domain.errors import DomainError
from crossdock.services.catalog.csv_import.reading import rows
from crossdock.services.catalog.csv_import.records import location_row, product_row
from crossdock.services.catalog.csv_import.report import BadField, ImportReport, Progress, Ticker
from crossdock.services.catalog.upsert import (
    LocationData,
    ProductData,
    UpsertResult,
    upsert_locations,
    upsert_products,
)

BATCH = 1000
LOOKUP_CHUNK = 500
T = TypeVar("T")
Key = tuple[str, str]  # (column, value) that must be unique in the file


@dataclass(frozen=True, slots=True)
class ReferenceFile(Generic[T]):
    parse: Callable[[dict[str, str]], T]
    unique: Callable[[T], list[Key]]
    upsert: Callable[[Sequence[T]], UpsertResult]
    # Rows the database refuses however the file is batched: {key: line} → [(line, column, message)]
    conflicts: Callable[[dict[Key, int]], list[tuple[int, str, str]]]


class _Refused(Exception):
    pass


def import_reference(
    path: Path, kind: ReferenceFile[T], *, partial: bool, report: ImportReport, progress: Progress
) -> None:
    bad = _check(path, kind, report, progress)
    if bad and not partial:
        report.refused = True
        return
    try:
        with transaction.atomic():
            _apply(path, kind, bad, report, progress)
    except _Refused:
        report.refused = True
        report.applied = 0
        report.notes = ["the database refused a batch, so the whole file was rolled back"]


def _check(path: Path, kind: ReferenceFile[T], report: ImportReport, progress: Progress) -> set[int]:
    seen: dict[Key, int] = {}
    bad: set[int] = set()
    ticker = Ticker(progress)
    for line, row in rows(path):
        report.rows += 1
        ticker.tick()
        try:
            keys = kind.unique(kind.parse(row))
            for column, value in keys:
                if (column, value) in seen:
                    raise BadField(column, f"{value!r} is already on line {seen[(column, value)]}")
            seen.update(dict.fromkeys(keys, line))
        except BadField as error:
            report.add_error(line, error.field, error.message)
            bad.add(line)
    ticker.flush()
    for line, column, message in kind.conflicts(seen):
        report.add_error(line, column, message)
        bad.add(line)
    return bad


def _apply(path: Path, kind: ReferenceFile[T], bad: set[int], report: ImportReport, progress: Progress) -> None:
    progress.start("Importing", report.rows - len(bad))
    batch: list[T] = []
    lines: list[int] = []
    for line, row in rows(path):
        if line in bad:
            report.skipped += 1
            continue
        batch.append(kind.parse(row))
        lines.append(line)
        if len(batch) == BATCH:
            _flush(kind, batch, lines, report, progress)
            batch, lines = [], []
    if batch:
        _flush(kind, batch, lines, report, progress)


def _flush(kind: ReferenceFile[T], batch: list[T], lines: list[int], report: ImportReport, progress: Progress) -> None:
    try:
        result = kind.upsert(batch)
    except DomainError as error:
        index = re.search(r"\[(\d+)\]\.(\w+)", error.field or "")
        line = lines[int(index.group(1))] if index else lines[0]
        report.add_error(line, index.group(2) if index else (error.field or ""), error.message)
        raise _Refused from error
    except IntegrityError as error:
        report.add_error(lines[0], "", f"the database refused the rows from this line to {lines[-1]}: {error}")
        raise _Refused from error
    report.applied += len(batch)
    report.notes.append(f"lines {lines[0]}–{lines[-1]}: {result.created} created, {result.updated} updated, "
                        f"{result.unchanged} unchanged")  # fmt: skip
    progress.advance(len(batch))


def _no_conflicts(seen: dict[Key, int]) -> list[tuple[int, str, str]]:
    return []


def _barcodes_taken(seen: dict[Key, int]) -> list[tuple[int, str, str]]:
    """Barcodes that belong, in the database, to a SKU this file does not mention."""
    skus = {value for column, value in seen if column == "sku"}
    barcodes = {value: line for (column, value), line in seen.items() if column == "barcode"}
    wanted = sorted(barcodes)
    conflicts = []
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        owners = Product.objects.filter(barcode__in=wanted[start : start + LOOKUP_CHUNK]).values_list("barcode", "sku")
        for barcode, sku in owners:
            if sku not in skus:
                conflicts.append((barcodes[barcode or ""], "barcode", f"{barcode} already belongs to {sku}"))
    return sorted(conflicts)


def _product_keys(item: ProductData) -> list[Key]:
    return [("sku", item.sku)] + ([("barcode", item.barcode)] if item.barcode else [])


LOCATIONS: ReferenceFile[LocationData] = ReferenceFile(
    location_row, lambda item: [("code", item.code)], upsert_locations, _no_conflicts
)
PRODUCTS: ReferenceFile[ProductData] = ReferenceFile(product_row, _product_keys, upsert_products, _barcodes_taken)
