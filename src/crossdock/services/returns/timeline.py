"""A return's timeline: its own events, mirrored on its order's timeline, and one outbox message."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crossdock.db.models import OrderEvent, OutboxMessage, Return, ReturnEvent
from crossdock.services.timeline import EventDraft


def record_return_events(
    return_request: Return, drafts: list[EventDraft], *, actor: str, at: datetime, topic: str, payload: dict[str, Any]
) -> None:
    """In the caller's transaction: the events on the return and on the order, the message in the outbox."""
    ReturnEvent.objects.bulk_create(
        ReturnEvent(
            return_request=return_request, type=d.type, actor=actor, reason=d.reason, data=d.data, created_at=at
        )
        for d in drafts
    )
    on_order = [{"return_id": return_request.pk, "rma_number": return_request.rma_number, **d.data} for d in drafts]
    OrderEvent.objects.bulk_create(
        OrderEvent(
            order_id=return_request.order_id, type=d.type, actor=actor, reason=d.reason, data=data, created_at=at
        )
        for d, data in zip(drafts, on_order, strict=True)
    )
    OutboxMessage.objects.create(
        topic=topic,
        aggregate_type="return",
        aggregate_id=return_request.rma_number,
        payload={"return_id": return_request.pk, "order_id": return_request.order_id, **payload},
        created_at=at,
    )
