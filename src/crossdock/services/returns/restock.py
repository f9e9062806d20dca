"""Returned goods back on hand at the location that received them: sellable there at once."""

from __future__ import annotations

from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import StockPosition
from crossdock.domain.stock import MAX_ON_HAND


def restock(location_id: int, product_quantities: dict[int, int]) -> None:
    """Add units to on-hand at the location, creating positions it lacks; rows locked in pk order.

    A conditional update: on-hand never passes the most a position can hold.
    """
    StockPosition.objects.bulk_create(
        [StockPosition(location_id=location_id, product_id=product_id) for product_id in product_quantities],
        ignore_conflicts=True,
    )
    positions = locks.lock_positions(
        StockPosition.objects.filter(location_id=location_id, product_id__in=list(product_quantities)).values_list(
            "pk", flat=True
        )
    )
    for position in positions:
        quantity = product_quantities[position.product_id]
        StockPosition.objects.filter(pk=position.pk, on_hand__lte=MAX_ON_HAND - quantity).update(
            on_hand=F("on_hand") + quantity
        )
