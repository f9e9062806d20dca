"""The timeline of a new order: placed, its fulfilments, what was carried out and what is still unallocated."""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import FulfilmentOrder, Order, OrderLine
from crossdock.domain.allocation import AllocationPlan
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import LineStatus
from crossdock.services.orders.fulfilment_rows import FulfilmentKey
from crossdock.services.timeline import EventDraft, record_order_events


def record_placed(
    order: Order,
    lines: list[OrderLine],
    fulfilments: dict[FulfilmentKey, FulfilmentOrder],
    plan: AllocationPlan,
    codes: dict[int, str],
    actor: str,
    now: datetime,
    routing: list[EventDraft],
) -> None:
    """The order's first events: placed, how it was routed, its fulfilments and offers, what is missing."""
    drafts = [EventDraft(OrderEventType.ORDER_PLACED, {"lines": len(lines), "total": str(order.total)})]
    drafts += routing
    drafts += [
        EventDraft(
            OrderEventType.FULFILMENT_CREATED,
            {"fulfilment_id": f.pk, "location": codes[key.location_id], "method": key.method}
            | ({"ships_to": codes[key.destination_id]} if key.destination_id else {}),
        )
        for key, f in fulfilments.items()
        if key.bundle is None
    ]
    # Carried-out goods left with the customer at once: the timeline says so, as for any state change.
    drafts += [
        EventDraft(
            OrderEventType.CARRIED_OUT,
            {
                "fulfilment_id": f.pk,
                "location": codes[location_id],
                "lines": [
                    line.line_number
                    for line in lines
                    if line.location_id == location_id and line.status == LineStatus.FULFILLED
                ],
            },
        )
        for (location_id, *_), f in fulfilments.items()
        if f.status == FulfilmentStatus.COLLECTED
    ]
    if plan.unallocated:
        unallocated = {lines[key].line_number: qty for key, qty in plan.unallocated.items()}
        drafts.append(EventDraft(OrderEventType.LINES_UNALLOCATED, {"lines": unallocated}))
    record_order_events(
        order.pk,
        drafts,
        actor=actor,
        at=now,
        topic="order.placed",
        payload={"order_id": order.pk, "channel": order.channel.code, "channel_order_id": order.channel_order_id},
    )
