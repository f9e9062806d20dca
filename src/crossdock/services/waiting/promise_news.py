"""Tell each order whose waiting lines got a new promise date: one timeline event and outbox message per order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from crossdock.db.models import OrderLine
from crossdock.domain.events import OrderEventType
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.lines import promised_on


def announce_new_promises(
    before: dict[int, date | None], line_ids: Collection[int], *, reason: str, actor: str, now: datetime
) -> int:
    """Compare each order line's promise date with `before` (promised_on() read earlier) and record a
    PromiseChanged event on the orders where it moved. Returns the number of order lines whose date moved."""
    after = promised_on(line_ids)
    moved = [line_id for line_id in line_ids if before.get(line_id) != after.get(line_id)]
    if not moved:
        return 0
    per_order: dict[int, dict[str, dict[str, str | None]]] = defaultdict(dict)
    for line_id, order_id, number in OrderLine.objects.filter(pk__in=moved).values_list(
        "pk", "order_id", "line_number"
    ):
        day = after.get(line_id)
        per_order[order_id][str(number)] = {"promise_date": day.isoformat() if day else None}
    for order_id, lines in sorted(per_order.items()):
        record_order_events(
            order_id,
            [EventDraft(OrderEventType.PROMISE_CHANGED, {"lines": lines}, reason=reason)],
            actor=actor,
            at=now,
            topic="order.promise_changed",
            payload={"order_id": order_id, "lines": lines, "reason": reason},
        )
    return len(moved)
