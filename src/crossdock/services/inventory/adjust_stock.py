"""Relative stock changes: receipts, write-offs, corrections."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import Location, Product, StockPosition
from crossdock.domain.errors import InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.stock import MAX_ON_HAND
from crossdock.services import clock
from crossdock.services.inventory.shortages import release_shortages


@dataclass(frozen=True, slots=True)
class Adjustment:
    location: str
    sku: str
    delta: int
    reason: str


@dataclass(frozen=True, slots=True)
class AdjustedPosition:
    location: str
    sku: str
    on_hand: int


def adjust_stock(adjustments: list[Adjustment], *, actor: str) -> list[AdjustedPosition]:
    """Apply all adjustments or none. Raises UnknownLocation, UnknownSku, InvalidInput (zero delta,
    on-hand below zero, missing reason)."""
    locations, products = _resolve(adjustments)
    now = clock.now()
    with transaction.atomic():
        keys = {(locations[a.location], products[a.sku]) for a in adjustments}
        StockPosition.objects.bulk_create(
            [StockPosition(location_id=loc, product_id=prod) for loc, prod in keys], ignore_conflicts=True
        )
        ids = {
            (p.location_id, p.product_id): p.pk
            for p in StockPosition.objects.filter(
                location_id__in={k[0] for k in keys}, product_id__in={k[1] for k in keys}
            )
        }
        positions = {p.pk: p for p in locks.lock_positions(ids[k] for k in keys)}
        for index, adjustment in enumerate(adjustments):
            position = positions[ids[(locations[adjustment.location], products[adjustment.sku])]]
            position.on_hand += adjustment.delta
            position.updated_at = now  # bulk_update skips auto_now
            if position.on_hand < 0:
                raise InvalidInput(
                    f"on-hand of {adjustment.sku} at {adjustment.location} would fall below zero",
                    field=f"adjustments[{index}].delta",
                )
            if position.on_hand > MAX_ON_HAND:
                raise InvalidInput(
                    f"on-hand of {adjustment.sku} at {adjustment.location} would exceed {MAX_ON_HAND}",
                    field=f"adjustments[{index}].delta",
                )
        StockPosition.objects.bulk_update(list(positions.values()), ["on_hand", "updated_at"])
        release_shortages(sorted(positions), actor=actor, now=now)
    return [
        AdjustedPosition(a.location, a.sku, positions[ids[(locations[a.location], products[a.sku])]].on_hand)
        for a in adjustments
    ]


def _resolve(adjustments: list[Adjustment]) -> tuple[dict[str, int], dict[str, int]]:
    if not adjustments:
        raise InvalidInput("no adjustments given", field="adjustments")
    locations = dict(Location.objects.filter(code__in={a.location for a in adjustments}).values_list("code", "id"))
    products = dict(Product.objects.filter(sku__in={a.sku for a in adjustments}).values_list("sku", "id"))
    for index, adjustment in enumerate(adjustments):
        if adjustment.location not in locations:
            raise UnknownLocation(f"unknown location {adjustment.location!r}", field=f"adjustments[{index}].location")
        if adjustment.sku not in products:
            raise UnknownSku(f"unknown sku {adjustment.sku!r}", field=f"adjustments[{index}].sku")
        if adjustment.delta == 0:
            raise InvalidInput("delta cannot be zero", field=f"adjustments[{index}].delta")
        if not adjustment.reason.strip():
            raise InvalidInput("an adjustment needs a reason", field=f"adjustments[{index}].reason")
    return locations, products
