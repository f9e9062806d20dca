"""Apply a stock count from the ERP, WMS or POS for one location."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db import bulk
from crossdock.db.models import Location, StockPosition
from crossdock.domain.errors import DuplicateLine, InvalidInput, UnknownLocation, UnknownSku
from crossdock.domain.stock import MAX_ON_HAND
from crossdock.services import clock
from crossdock.services.inventory.feeds import FeedVerdict, claim_sequence
from crossdock.services.inventory.shortages import release_shortages, short_positions

MAX_SEQUENCE = 2**63 - 1  # LocationFeed.sequence is a 64-bit integer


@dataclass(frozen=True, slots=True)
class CountedStock:
    sku: str
    on_hand: int


@dataclass(frozen=True, slots=True)
class SnapshotResult:
    location: str
    sequence: int
    duplicate: bool
    changed: int = 0
    unchanged: int = 0
    created: int = 0
    zeroed: int = 0
    released_units: int = 0


def apply_snapshot(
    location_code: str, sequence: int, counts: list[CountedStock], *, complete: bool = False, actor: str
) -> SnapshotResult:
    """Set on-hand at a location to the counted quantities, skipping rows that did not change.

    With `complete`, positions the count does not list are set to zero. Reservations stay; if a
    count leaves a position short, the youngest reservations give way (see shortages.py).
    Raises UnknownLocation, UnknownSku, DuplicateLine, InvalidInput (nothing applied) and
    StaleFeed when `sequence` is older than one already applied. A repeat of the newest sequence
    changes nothing.
    """
    if not 0 <= sequence <= MAX_SEQUENCE:
        raise InvalidInput(f"sequence must be between 0 and {MAX_SEQUENCE}", field="sequence")
    location = Location.objects.filter(code=location_code).first()
    if location is None:
        raise UnknownLocation(f"unknown location {location_code!r}", field="location")
    product_ids = _product_ids(counts)
    now = clock.now()
    with transaction.atomic():
        if claim_sequence(location.pk, sequence, now) == FeedVerdict.DUPLICATE:
            return SnapshotResult(location=location_code, sequence=sequence, duplicate=True)
        counted = {product_ids[c.sku]: c.on_hand for c in counts}
        existing = {
            product_id: (pk, on_hand)
            for pk, product_id, on_hand in StockPosition.objects.filter(location=location).values_list(
                "id", "product_id", "on_hand"
            )
        }
        on_hand_of = dict(existing.values())
        listed = [(existing[pid][0], qty) for pid, qty in counted.items() if pid in existing]
        changed = [(pk, qty) for pk, qty in listed if on_hand_of[pk] != qty]
        zeroed = _zero_unlisted(existing, counted) if complete else []
        missing = [pid for pid in counted if pid not in existing]
        bulk.insert_positions(location.pk, [(pid, counted[pid]) for pid in missing], now)
        bulk.set_on_hand(changed + zeroed, now)
        released = release_shortages(short_positions(location.pk), actor=actor, now=now)
    return SnapshotResult(
        location=location_code,
        sequence=sequence,
        duplicate=False,
        changed=len(changed),
        unchanged=len(listed) - len(changed),
        created=len(missing),
        zeroed=len(zeroed),
        released_units=released,
    )


def _product_ids(counts: list[CountedStock]) -> dict[str, int]:
    skus = {c.sku for c in counts}
    product_ids = bulk.product_ids_by_sku(list(skus))
    seen: set[str] = set()
    for index, count in enumerate(counts):
        if count.sku not in product_ids:
            raise UnknownSku(f"unknown sku {count.sku!r}", field=f"positions[{index}].sku")
        if count.sku in seen:
            raise DuplicateLine(f"sku {count.sku} is counted twice", field=f"positions[{index}].sku")
        if not 0 <= count.on_hand <= MAX_ON_HAND:
            raise InvalidInput(f"on_hand must be between 0 and {MAX_ON_HAND}", field=f"positions[{index}].on_hand")
        seen.add(count.sku)
    return product_ids


def _zero_unlisted(existing: dict[int, tuple[int, int]], counted: dict[int, int]) -> list[tuple[int, int]]:
    return [(pk, 0) for pid, (pk, on_hand) in existing.items() if pid not in counted and on_hand != 0]
