"""The timeline event and outbox message of units leaving a location."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order
from crossdock.domain.events import OrderEventType
from crossdock.services.timeline import EventDraft, record_order_events


def record_departure(
    order: Order,
    fulfilment: FulfilmentOrder,
    lines: list[FulfilmentLine],
    *,
    actor: str,
    now: datetime,
    extra: dict[str, Any] | None = None,
    event: OrderEventType = OrderEventType.FULFILMENT_SHIPPED,
    topic: str = "fulfilment.shipped",
) -> None:
    """The timeline event and outbox message of units leaving: shipped, collected at the counter, or on their
    way to a pickup store (`event`, `topic`)."""
    data = {
        "fulfilment_id": fulfilment.pk,
        "status": fulfilment.status,
        "lines": [{"line": fl.order_line.line_number, "quantity": fl.quantity} for fl in lines],
        **(extra or {}),
    }
    record_order_events(
        order.pk,
        [EventDraft(event, data)],
        actor=actor,
        at=now,
        topic=topic,
        payload={"order_id": order.pk, "location_id": fulfilment.location_id, **data},
    )
