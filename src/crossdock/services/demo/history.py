"""Spread the freshly placed demo orders over the past weeks, as an order history would be."""

from __future__ import annotations

from datetime import timedelta
from random import Random

from django.db.models import F

from crossdock.db.models import FulfilmentOrder, Order, OrderEvent

HISTORY = timedelta(days=30)


def spread_over_past(order_ids: list[int], rng: Random) -> None:
    """Move each order, its timeline and its fulfilments back in time together, oldest first.

    The orders were placed seconds ago in this order; the first moves back about HISTORY, the last
    a few minutes, so their sequence and the gaps inside each timeline stay as they were.
    """
    for index, order_id in enumerate(order_ids):
        remaining = 1 - index / len(order_ids)
        age = HISTORY * remaining + timedelta(minutes=rng.randint(5, 90))
        Order.objects.filter(pk=order_id).update(created_at=F("created_at") - age, updated_at=F("updated_at") - age)
        OrderEvent.objects.filter(order_id=order_id).update(created_at=F("created_at") - age)
        FulfilmentOrder.objects.filter(order_id=order_id).update(
            created_at=F("created_at") - age, updated_at=F("updated_at") - age
        )
