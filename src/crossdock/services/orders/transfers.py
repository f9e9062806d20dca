"""Ship to store: units leaving their source for the pickup store where the customer collects them.

The source consumes them (on-hand and reservation go, as for any shipment), but nothing reaches the
customer yet: the order line is not fulfilled and no payment is captured. They are in transit, held by
no position, until the pickup store receives them (services/store_work/receive.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Location, Order
from crossdock.domain.events import OrderEventType
from crossdock.domain.orders import ORDER_TRANSITIONS, OrderStatus
from crossdock.domain.transitions import check_transition
from crossdock.services.orders.departures import record_departure


def is_transfer(fulfilment: FulfilmentOrder) -> bool:
    """Work shipped to a pickup store rather than to the customer."""
    return fulfilment.destination_location_id is not None


def record_transfer_departure(
    order: Order,
    fulfilment: FulfilmentOrder,
    lines: list[FulfilmentLine],
    *,
    actor: str,
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> None:
    """The order is in fulfilment; the timeline and outbox say the units are on their way to the store."""
    if order.status == OrderStatus.PLACED:
        order.status = check_transition(ORDER_TRANSITIONS, OrderStatus.PLACED, OrderStatus.IN_FULFILMENT)
        order.updated_at = now
        order.save(update_fields=["status", "updated_at"])
    assert fulfilment.destination_location_id is not None
    store = Location.objects.values_list("code", flat=True).get(pk=fulfilment.destination_location_id)
    record_departure(
        order,
        fulfilment,
        lines,
        actor=actor,
        now=now,
        extra={"ships_to": store, **(extra or {})},
        event=OrderEventType.TRANSFER_SHIPPED,
        topic="fulfilment.transfer_shipped",
    )
