"""On-hand changes caused by supply, under the stock discipline: positions locked in pk order, F() updates."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import StockPosition
from crossdock.domain.errors import InsufficientStock, InvalidInput
from crossdock.domain.stock import MAX_ON_HAND, StockLevel


def add_on_hand(location_id: int, units: dict[int, int], now: datetime) -> None:
    """Receive units (product id → quantity) at a location, creating positions as needed. Raises InvalidInput."""
    StockPosition.objects.bulk_create(
        [StockPosition(location_id=location_id, product_id=product_id) for product_id in units], ignore_conflicts=True
    )
    ids = dict(
        StockPosition.objects.filter(location_id=location_id, product_id__in=list(units)).values_list(
            "product_id", "pk"
        )
    )
    for position in locks.lock_positions(ids.values()):
        quantity = units[position.product_id]
        if position.on_hand + quantity > MAX_ON_HAND:
            raise InvalidInput(f"on-hand would exceed {MAX_ON_HAND}", field="lines")
        StockPosition.objects.filter(pk=position.pk).update(on_hand=F("on_hand") + quantity, updated_at=now)


def take_on_hand(location_id: int, units: dict[int, int], skus: dict[int, str], now: datetime) -> None:
    """Units leave a location (a transfer dispatched): only units nobody reserved, above safety stock.
    Raises InsufficientStock (nothing taken)."""
    positions = {
        p.product_id: p
        for p in locks.lock_positions(
            StockPosition.objects.filter(location_id=location_id, product_id__in=list(units)).values_list(
                "pk", flat=True
            )
        )
    }
    for index, (product_id, quantity) in enumerate(units.items()):
        position = positions.get(product_id)
        level = StockLevel(position.on_hand, position.reserved, position.safety_stock) if position else StockLevel(0)
        if level.available < quantity:
            raise InsufficientStock(
                f"{quantity} × {skus[product_id]} to send, {level.available} free to send",
                field=f"lines[{index}].quantity",
            )
    for product_id, quantity in units.items():
        StockPosition.objects.filter(pk=positions[product_id].pk).update(
            on_hand=F("on_hand") - quantity, updated_at=now
        )
