"""Bulk upserts of reference data from the ERP: insert what is new, update what changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import models, transaction

from crossdock.db.models import Location, Product
from crossdock.domain.errors import DuplicateLine, InvalidInput
from crossdock.domain.geo import is_valid_coordinate
from crossdock.domain.locations import Capability, LocationType
from crossdock.services import clock


@dataclass(frozen=True, slots=True)
class LocationData:
    code: str
    name: str
    type: LocationType
    latitude: float
    longitude: float
    timezone: str = "UTC"
    city: str = ""
    country: str = ""
    capabilities: list[Capability] = field(default_factory=list)
    opening_hours: dict[str, Any] = field(default_factory=dict)
    daily_capacity: int = 100
    active: bool = True


@dataclass(frozen=True, slots=True)
class ProductData:
    sku: str
    name: str
    price: Decimal
    currency: str = "USD"
    brand: str = ""
    category: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    image_url: str = ""
    barcode: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class UpsertResult:
    created: int
    updated: int
    unchanged: int


def upsert_locations(items: Sequence[LocationData]) -> UpsertResult:
    """Insert or update locations by code. Raises DuplicateLine, InvalidInput (nothing written)."""
    _refuse_duplicates([item.code for item in items], "locations", "code")
    for index, item in enumerate(items):
        if not is_valid_coordinate(item.latitude, item.longitude):
            raise InvalidInput("latitude/longitude out of range", field=f"locations[{index}].latitude")
        if not _is_time_zone(item.timezone):
            raise InvalidInput(f"unknown time zone {item.timezone!r}", field=f"locations[{index}].timezone")
    rows = [
        {**asdict(item), "type": str(item.type), "capabilities": sorted(str(c) for c in item.capabilities)}
        for item in items
    ]
    return _upsert(Location, "code", rows)


def upsert_products(items: Sequence[ProductData]) -> UpsertResult:
    """Insert or update products by SKU. Raises DuplicateLine, InvalidInput (nothing written)."""
    _refuse_duplicates([item.sku for item in items], "products", "sku")
    barcodes = [item.barcode for item in items if item.barcode]
    _refuse_duplicates([item.barcode or None for item in items], "products", "barcode")
    for index, item in enumerate(items):
        if item.price < 0:
            raise InvalidInput("price cannot be negative", field=f"products[{index}].price")
    taken = dict(
        Product.objects.filter(barcode__in=barcodes)
        .exclude(sku__in=[i.sku for i in items])
        .values_list("barcode", "sku")
    )
    for index, item in enumerate(items):
        if item.barcode in taken:
            raise InvalidInput(f"barcode already belongs to {taken[item.barcode]}", field=f"products[{index}].barcode")
    rows = [{**asdict(item), "barcode": item.barcode or None} for item in items]
    return _upsert(Product, "sku", rows, movable="barcode")


def _is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _refuse_duplicates(keys: list[str | None], collection: str, key_name: str) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in seen:
            raise DuplicateLine(f"{key_name} {key!r} appears twice", field=f"{collection}[{index}].{key_name}")
        seen.add(key)


def _upsert(model: type[models.Model], key: str, rows: list[dict[str, Any]], movable: str = "") -> UpsertResult:
    if not rows:
        raise InvalidInput("nothing to upsert", field=None)
    fields = [name for name in rows[0] if name != key]
    with transaction.atomic():
        existing = {
            getattr(obj, key): obj for obj in model._default_manager.filter(**{f"{key}__in": [r[key] for r in rows]})
        }
        new = [model(**row) for row in rows if row[key] not in existing]
        changed = [obj for row in rows if row[key] in existing if _apply(obj := existing[row[key]], row, fields)]
        if movable:
            # A unique value may move between rows of the batch (a barcode re-assigned): clear the old ones first.
            model._default_manager.filter(pk__in=[obj.pk for obj in changed]).update(**{movable: None})
        model._default_manager.bulk_create(new, batch_size=1000)
        now = clock.now()
        for obj in changed:
            obj.updated_at = now  # type: ignore[attr-defined]  # bulk_update skips auto_now
        model._default_manager.bulk_update(changed, [*fields, "updated_at"], batch_size=1000)
    return UpsertResult(created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed))


def _apply(obj: models.Model, row: dict[str, Any], fields: list[str]) -> bool:
    """Copy the row's values onto obj; True if anything differed."""
    differs = [name for name in fields if getattr(obj, name) != row[name]]
    for name in differs:
        setattr(obj, name, row[name])
    return bool(differs)
