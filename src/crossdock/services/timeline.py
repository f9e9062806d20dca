"""Timeline events and outbox messages, written in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crossdock.db.models import OrderEvent, OutboxMessage


@dataclass(frozen=True, slots=True)
class EventDraft:
    type: str
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


def record_order_events(
    order_id: int, drafts: list[EventDraft], *, actor: str, at: datetime, topic: str, payload: dict[str, Any]
) -> None:
    """Append events to the order's timeline and one outbox message announcing the change."""
    OrderEvent.objects.bulk_create(
        OrderEvent(order_id=order_id, type=d.type, actor=actor, reason=d.reason, data=d.data, created_at=at)
        for d in drafts
    )
    OutboxMessage.objects.create(
        topic=topic, aggregate_type="order", aggregate_id=str(order_id), payload=payload, created_at=at
    )
