"""Relative stock movements from a location's feed (sales, receipts, write-offs), in feed order."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import Location
from crossdock.domain.errors import DomainError, InvalidInput, UnknownLocation
from crossdock.services import clock
from crossdock.services.inventory.adjust_stock import Adjustment, adjust_stock
from crossdock.services.inventory.apply_snapshot import MAX_SEQUENCE
from crossdock.services.inventory.feeds import FeedVerdict, claim_sequence


@dataclass(frozen=True, slots=True)
class StockDelta:
    sku: str
    delta: int


@dataclass(frozen=True, slots=True)
class DeltaResult:
    location: str
    sequence: int
    duplicate: bool
    applied: int = 0


def apply_deltas(location_code: str, sequence: int, deltas: list[StockDelta], *, actor: str) -> DeltaResult:
    """Apply every delta or none. Snapshots and deltas of a location share one sequence: a delta older than
    the newest feed is already inside that count and is refused; the same sequence again changes nothing.

    Raises UnknownLocation, UnknownSku, InvalidInput (no deltas, a zero delta, on-hand below zero — with the
    line at fault, e.g. `deltas[3].sku`), StaleFeed. Nothing is written when it raises.
    """
    if not 0 <= sequence <= MAX_SEQUENCE:
        raise InvalidInput(f"sequence must be between 0 and {MAX_SEQUENCE}", field="sequence")
    location = Location.objects.filter(code=location_code).first()
    if location is None:
        raise UnknownLocation(f"unknown location {location_code!r}", field="location")
    if not deltas:
        raise InvalidInput("no deltas given", field="deltas")
    with transaction.atomic():
        if claim_sequence(location.pk, sequence, clock.now()) == FeedVerdict.DUPLICATE:
            return DeltaResult(location=location_code, sequence=sequence, duplicate=True)
        try:
            adjust_stock(
                [Adjustment(location_code, d.sku, d.delta, reason=f"feed {sequence}") for d in deltas], actor=actor
            )
        except DomainError as error:
            if error.field and error.field.startswith("adjustments"):  # adjust_stock's name for our deltas
                error.field = "deltas" + error.field[len("adjustments") :]
            raise
    return DeltaResult(location=location_code, sequence=sequence, duplicate=False, applied=len(deltas))
