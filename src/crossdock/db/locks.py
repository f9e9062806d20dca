"""Row locks and conditional stock updates. Stock rows are always locked in pk order."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import F, QuerySet

from crossdock.db.models import Order, StockPosition


def lock_positions(position_ids: Iterable[int]) -> QuerySet[StockPosition]:
    return StockPosition.objects.select_for_update().filter(id__in=list(position_ids)).order_by("pk")


def lock_order(order_id: int) -> Order:
    return Order.objects.select_for_update(no_key=True).get(pk=order_id)


def reserve_if_available(position_id: int, quantity: int, *, holdback: int = 0) -> bool:
    """Reserve `quantity` in one conditional UPDATE; False if the position cannot cover it now.

    `holdback`: units to leave on top of the position's own safety stock (a channel's buffer, rule-based safety stock).
    """
    updated = StockPosition.objects.filter(
        pk=position_id, on_hand__gte=F("reserved") + F("safety_stock") + holdback + quantity
    ).update(reserved=F("reserved") + quantity)
    return updated == 1


def release_reserved(position_id: int, quantity: int, *, consume: bool = False) -> None:
    """Give back reserved units; with `consume` they also leave on-hand (shipped, carried out)."""
    changes = {"reserved": F("reserved") - quantity}
    if consume:
        changes["on_hand"] = F("on_hand") - quantity
    StockPosition.objects.filter(pk=position_id).update(**changes)


def add_reserved(position_id: int, quantity: int) -> None:
    """Units that arrive already spoken for (shipped to a pickup store for one order): on-hand and reserved
    grow together, so what is available to anyone else does not change."""
    StockPosition.objects.filter(pk=position_id).update(
        on_hand=F("on_hand") + quantity, reserved=F("reserved") + quantity
    )


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
