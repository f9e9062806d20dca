"""Pickups nobody collected: after the store's waiting period they are cancelled and restocked."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.store_work import StoreWorkEvent
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities
from crossdock.services.timeline import EventDraft, record_order_events

WORKER = "worker:pickup-no-shows"
BATCH = 100


def no_show_days() -> int:
    return int(getattr(settings, "CROSSDOCK_PICKUP_NO_SHOW_DAYS", 7))


def cancel_uncollected_pickups(now: datetime) -> int:
    """Cancel pickups ready for longer than the waiting period: their units are released back to the
    store's available stock (they go back on the shelf) and the customer's payment is voided or refunded
    for them. Idempotent; each pickup is its own transaction. Returns how many were cancelled."""
    cutoff = now - timedelta(days=no_show_days())
    due = list(
        FulfilmentOrder.objects.filter(status=FulfilmentStatus.READY_FOR_PICKUP, pickup__ready_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", "order_id")[:BATCH]
    )
    return sum(_cancel(fulfilment_id, order_id, now) for fulfilment_id, order_id in due)


def _cancel(fulfilment_id: int, order_id: int, now: datetime) -> int:
    with transaction.atomic():
        locks.lock_order(order_id)
        still_waiting = FulfilmentOrder.objects.filter(pk=fulfilment_id, status=FulfilmentStatus.READY_FOR_PICKUP)
        if not still_waiting.exists():
            return 0  # collected or cancelled meanwhile (another worker)
        days = no_show_days()
        cancels = [
            QuantityCancel(line_number, quantity)
            for line_number, quantity in FulfilmentLine.objects.filter(fulfilment_id=fulfilment_id)
            .order_by("order_line__line_number")
            .values_list("order_line__line_number", "quantity")
        ]
        record_order_events(
            order_id,
            [EventDraft(StoreWorkEvent.PICKUP_NOT_COLLECTED, {"fulfilment_id": fulfilment_id, "days": days})],
            actor=WORKER,
            at=now,
            topic="fulfilment.pickup_not_collected",
            payload={"order_id": order_id, "fulfilment_id": fulfilment_id, "days": days},
        )
        cancel_quantities(order_id, cancels, reason=f"not collected within {days} days", actor=WORKER)
    return 1
