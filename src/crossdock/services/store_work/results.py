"""What a store-work step answers: where the fulfilment stands now, and whether this was a repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crossdock.services.store_work.access import Work
from crossdock.services.timeline import EventDraft, record_order_events


@dataclass(frozen=True, slots=True)
class StepResult:
    fulfilment_id: int
    order_id: int
    status: str
    replayed: bool = False  # True when the step had already been done: nothing was written


def result_of(work: Work, *, replayed: bool = False) -> StepResult:
    return StepResult(work.fulfilment.pk, work.order.pk, work.fulfilment.status, replayed)


def record_step(
    work: Work, event: str, data: dict[str, Any], *, actor: str, at: datetime, topic: str, reason: str = ""
) -> None:
    """The step's timeline event and outbox message, in the step's transaction."""
    full = {"fulfilment_id": work.fulfilment.pk, "status": work.fulfilment.status, **data}
    record_order_events(
        work.order.pk,
        [EventDraft(event, full, reason=reason)],
        actor=actor,
        at=at,
        topic=topic,
        payload={"order_id": work.order.pk, "location_id": work.fulfilment.location_id, **full},
    )
