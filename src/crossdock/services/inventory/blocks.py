"""Take stock out of sale, in every channel: a location, a SKU everywhere, or a location × SKU."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from crossdock.db.models import Location, Product, StockBlock
from crossdock.domain.errors import DuplicateLine, InvalidInput, NotFound, UnknownLocation, UnknownSku
from crossdock.services import clock


@dataclass(frozen=True, slots=True)
class BlockView:
    id: int
    location: str | None
    sku: str | None
    reason: str
    created_by: str
    created_at: datetime


def block_stock(*, location: str | None, sku: str | None, reason: str, actor: str) -> BlockView:
    """Block a location, a SKU or one position. Raises InvalidInput (neither given, no reason),
    UnknownLocation, UnknownSku, DuplicateLine (already blocked)."""
    if location is None and sku is None:
        raise InvalidInput("a block names a location, a SKU, or both", field="location")
    if not reason.strip():
        raise InvalidInput("a block needs a reason", field="reason")
    location_id = _location_id(location) if location is not None else None
    product_id = _product_id(sku) if sku is not None else None
    try:
        with transaction.atomic():
            block = StockBlock.objects.create(
                location_id=location_id, product_id=product_id, reason=reason, created_by=actor, created_at=clock.now()
            )
    except IntegrityError:
        raise DuplicateLine("this stock is already blocked", field="sku" if sku else "location") from None
    return _view(block.pk)


def unblock_stock(block_id: int) -> None:
    """Put the stock back on sale. Raises NotFound."""
    deleted, _ = StockBlock.objects.filter(pk=block_id).delete()
    if not deleted:
        raise NotFound(f"block {block_id} does not exist", field="block_id")


def list_blocks() -> list[BlockView]:
    return [_as_view(row) for row in _rows(StockBlock.objects.all())]


def _view(block_id: int) -> BlockView:
    return _as_view(_rows(StockBlock.objects.filter(pk=block_id))[0])


def _rows(query: QuerySet[StockBlock]) -> list[tuple[int, str | None, str | None, str, str, datetime]]:
    return list(query.values_list("id", "location__code", "product__sku", "reason", "created_by", "created_at"))


def _as_view(row: tuple[int, str | None, str | None, str, str, datetime]) -> BlockView:
    return BlockView(*row)


def _location_id(code: str) -> int:
    found = Location.objects.filter(code=code).values_list("id", flat=True).first()
    if found is None:
        raise UnknownLocation(f"unknown location {code!r}", field="location")
    return found


def _product_id(sku: str) -> int:
    found = Product.objects.filter(sku=sku).values_list("id", flat=True).first()
    if found is None:
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    return found
