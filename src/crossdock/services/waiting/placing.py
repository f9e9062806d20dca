"""Placing an order with lines that wait: pre-order lines, and shortfalls the channel and SKU may backorder.

Called by place_order inside its transaction: `reserve_preorders` before allocation (pre-orders never
take on-hand), `plan_waiting` once the allocation is known, `record_waiting` once the lines exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crossdock.db.models import Channel, Order, OrderLine, Product, WaitingLine
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.events import OrderEventType
from crossdock.domain.orders import LINE_TRANSITIONS, LineStatus, RequestedLine
from crossdock.domain.transitions import check_transition
from crossdock.domain.waiting import WaitingKind, WaitingStatus, may_backorder, priority_for_tier
from crossdock.services.inventory.controls import load_blocks, load_channel_rules
from crossdock.services.supply.open_supply import open_supply
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.drafts import WaitingDraft
from crossdock.services.waiting.policy import backorderable_skus
from crossdock.services.waiting.preorders import reserve_preorders
from crossdock.services.waiting.promises import promise, promise_date

__all__ = ["WaitingPlan", "plan_waiting", "record_waiting", "reserve_preorders", "without_preorders"]


@dataclass(frozen=True, slots=True)
class WaitingPlan:
    plan: AllocationPlan  # for the order's lines: waiting units count as unallocated
    refusable: AllocationPlan  # units that neither got stock nor may wait
    drafts: dict[int, WaitingDraft]


def without_preorders(demands: list[LineDemand], preorders: dict[int, WaitingDraft]) -> list[LineDemand]:
    return [demand for demand in demands if demand.key not in preorders]


def plan_waiting(
    plan: AllocationPlan,
    preorders: dict[int, WaitingDraft],
    *,
    lines: list[RequestedLine],
    channel: Channel,
    products: dict[str, Product],
) -> WaitingPlan:
    """Backorder the shortfalls the channel and SKU allow, promised from free supply where there is some."""
    drafts = dict(preorders)
    allowed = backorderable_skus(channel, products) if plan.unallocated else set()
    short = {
        key: units
        for key, units in plan.unallocated.items()
        if may_backorder(allowed=lines[key].sku in allowed, method=lines[key].delivery_method)
    }
    if short:
        skus = [lines[key].sku for key in short]
        supplies = open_supply({products[sku].pk for sku in skus})
        rules, blocks = load_channel_rules(channel, skus=skus, categories=()), load_blocks(skus)
        for key, units in short.items():
            sku = lines[key].sku
            found = supplies.setdefault(products[sku].pk, [])
            drafts[key] = WaitingDraft(
                key, WaitingKind.BACKORDER, promise(found, units, rules=rules, blocks=blocks, sku=sku)
            )
    unallocated = {**plan.unallocated, **{key: draft.quantity for key, draft in preorders.items()}}
    return WaitingPlan(
        plan=AllocationPlan(allocations=plan.allocations, unallocated=unallocated),
        refusable=AllocationPlan(
            allocations=plan.allocations, unallocated={k: v for k, v in plan.unallocated.items() if k not in drafts}
        ),
        drafts=drafts,
    )


def record_waiting(order: Order, lines: list[OrderLine], waiting: WaitingPlan, *, actor: str, now: datetime) -> None:
    """Queue the waiting units, mark their lines backordered or pre-ordered, and say so on the order's
    timeline (with each line's promise date). Raises IllegalTransition for a line that is not unallocated."""
    if not waiting.drafts:
        return
    _mark_waiting(lines, waiting.drafts)
    priority = priority_for_tier(order.customer.tier if order.customer else None)
    WaitingLine.objects.bulk_create(
        WaitingLine(
            order_line=lines[draft.key],
            product_id=lines[draft.key].product_id,
            kind=draft.kind,
            status=WaitingStatus.WAITING,
            ordered_quantity=p.quantity,
            quantity=p.quantity,
            priority=priority,
            supply_line_id=p.supply_line_id,
            window_id=draft.window_id,
            promise_date=p.eta,
            created_at=now,
        )
        for draft in waiting.drafts.values()
        for p in draft.promises
    )
    events = []
    for kind, event in (
        (WaitingKind.BACKORDER, OrderEventType.LINES_BACKORDERED),
        (WaitingKind.PREORDER, OrderEventType.LINES_PREORDERED),
    ):
        described = {
            str(lines[d.key].line_number): {"quantity": d.quantity, "promise_date": _iso(promise_date(d.promises))}
            for d in waiting.drafts.values()
            if d.kind == kind
        }
        if described:
            events.append(EventDraft(event, {"lines": described}))
    record_order_events(
        order.pk, events, actor=actor, at=now, topic="order.lines_waiting", payload={"order_id": order.pk}
    )


def _mark_waiting(lines: list[OrderLine], drafts: dict[int, WaitingDraft]) -> None:
    marked = []
    for draft in drafts.values():
        line = lines[draft.key]
        target = LineStatus.PREORDERED if draft.kind == WaitingKind.PREORDER else LineStatus.BACKORDERED
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), target, field="lines")
        marked.append(line)
    OrderLine.objects.bulk_update(marked, ["status"])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
