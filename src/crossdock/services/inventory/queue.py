"""Units waiting lines (backorders, pre-orders) have first claim on, per SKU.

A waiting unit promised from open supply will come with that supply; the others — and promised ones
whose supply has been received — are owed from on-hand: new orders may not take those units until
the worker has allocated the waiting lines (domain/supply.py `queued`).
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Sum

from crossdock.db.models import WaitingLine
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.supply import queued
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.supply.open_supply import open_supply


def queued_units(skus: Collection[str]) -> dict[str, int]:
    """Units of each SKU that waiting lines are owed from on-hand. One query when nothing waits."""
    waiting = list(
        WaitingLine.objects.filter(
            product__sku__in=list(skus), status=WaitingStatus.WAITING, order_line__status__in=SHORT_LINE_STATUSES
        )
        .values("product_id", "product__sku")
        .annotate(units=Sum("quantity"))
        .values_list("product_id", "product__sku", "units")
    )
    return queued_from({product_id: units for product_id, _, units in waiting}, {pid: sku for pid, sku, _ in waiting})


def queued_from(waiting: dict[int, int], sku_of: dict[int, str]) -> dict[str, int]:
    """The same from units already summed per product (control_query.py reads them with the controls);
    open supply is read only for products with units waiting."""
    if not waiting:
        return {}
    supply = open_supply(list(waiting))
    return {
        sku_of[product_id]: queued(units, [(s.open, s.assigned) for s in supply.get(product_id, [])])
        for product_id, units in waiting.items()
    }
