"""Applying one order's new batch plan: one transaction, order row first, then stock rows in pk order.

A fulfilment whose location ships exactly the same units under the new plan stays as it is. The other
assigned fulfilments are cancelled (their reservations released); the new plan's other units are
reserved by conditional update. If a unit is no longer there (stock moved since the batch read it),
the whole transaction rolls back and the order keeps its current plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentOrder, Order, OrderLine, Reservation
from crossdock.domain.allocation import Allocation as LineAllocation
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import LINE_TRANSITIONS, DeliveryMethod, LineStatus, OrderStatus, order_status_for
from crossdock.domain.routing.live import Sourcing, SourcingInputs, split_to_lines
from crossdock.domain.routing.plan import Decision
from crossdock.domain.transitions import check_transition
from crossdock.services.orders.fulfilment_rows import write_fulfilments
from crossdock.services.orders.placement_routing import Routed, record_routing
from crossdock.services.orders.sourcing import Hold
from crossdock.services.routing.batch_collect import OpenOrder, collect_open_orders
from crossdock.services.routing.batch_instance import BatchInstance
from crossdock.services.timeline import EventDraft, record_order_events

REASON = "reroute"


class StockMoved(Exception):
    """A unit of the new plan was taken since the batch read the stock."""


@dataclass(frozen=True, slots=True)
class NewPlan:
    order: OpenOrder
    decision: Decision
    inputs: SourcingInputs


@dataclass(frozen=True, slots=True)
class Move:
    plan: NewPlan
    allocations: list[LineAllocation]
    short: dict[int, int]
    dropped: list[FulfilmentOrder]
    released: list[tuple[int, int, int]]  # (position id, line id, units)
    holds: list[Hold]


def apply_plans(plans: list[NewPlan], instance: BatchInstance, *, actor: str, now: datetime) -> str:
    """Move orders that trade stock among themselves to their new plans, together: "applied", "changed"
    (one's work moved on since it was read: all left as they are) or "stock_moved" (a unit was no
    longer there: all keep their current plans). Orders are locked in pk order, then stock rows."""
    try:
        with transaction.atomic():
            for plan in sorted(plans, key=lambda p: p.order.order_id):
                locks.lock_order(plan.order.order_id)
            fresh = {o.order_id: o.fingerprint() for o in collect_open_orders([p.order.order_id for p in plans])}
            if any(fresh.get(p.order.order_id) != p.order.fingerprint() for p in plans):
                return "changed"
            moves = [prepare_move(plan, instance) for plan in plans]
            positions = {p for move in moves for p, _, _ in move.released} | {
                hold.position_id for move in moves for hold in move.holds
            }
            list(locks.lock_positions(positions))
            for move in moves:
                _release(move.dropped, move.released, now)
            _reserve([hold for move in moves for hold in move.holds], instance)
            for move in moves:
                _record(move, instance, actor=actor, now=now)
    except StockMoved:
        return "stock_moved"
    return "applied"


def touched_positions(plan: NewPlan, instance: BatchInstance) -> set[int]:
    """Stock rows the move releases or takes (orders sharing one must move together)."""
    move = prepare_move(plan, instance)
    return {p for p, _, _ in move.released} | {hold.position_id for hold in move.holds}


def prepare_move(plan: NewPlan, instance: BatchInstance) -> Move:
    order = plan.order
    demands = [LineDemand(line.line_id, line.sku, line.quantity, DeliveryMethod.SHIP) for line in order.lines]
    by_code = {code: site.id for code, site in instance.sites.items()}
    allocations, short = split_to_lines(plan.decision, demands, by_code)
    wanted: dict[int, dict[int, int]] = defaultdict(dict)  # location id → line id → units
    for allocation in allocations:
        wanted[allocation.location_id][allocation.line_key] = allocation.quantity
    fulfilments = list(FulfilmentOrder.objects.filter(pk__in=order.fulfilment_ids).prefetch_related("lines"))
    kept = {f.location_id for f in fulfilments if _units(f) == wanted.get(f.location_id)}
    dropped = [f for f in fulfilments if f.location_id not in kept or _units(f) != wanted.get(f.location_id)]
    sku_of = {line.line_id: line.sku for line in order.lines}
    holds = [
        Hold(line_id, location_id, instance.position_ids[(location_id, sku_of[line_id])], units)
        for location_id, lines in wanted.items()
        if location_id not in kept
        for line_id, units in lines.items()
    ]
    return Move(plan, allocations, short, dropped, _released(dropped, sku_of, instance), holds)


def _units(fulfilment: FulfilmentOrder) -> dict[int, int]:
    return {line.order_line_id: line.quantity for line in fulfilment.lines.all()}


def _record(move: Move, instance: BatchInstance, *, actor: str, now: datetime) -> None:
    order_id = move.plan.order.order_id
    lines = {
        line.pk: line
        for line in OrderLine.objects.filter(order_id=order_id, pk__in=[line.line_id for line in move.plan.order.lines])
    }
    created = write_fulfilments(order_id, lines, move.holds, now) if move.holds else {}
    _settle(lines, move.short)
    allocation_plan = AllocationPlan(tuple(move.allocations), move.short)
    sourcing = Sourcing(allocation_plan, move.plan.inputs, move.plan.decision)
    codes = {site.id: code for code, site in instance.sites.items()}
    drafts = record_routing(order_id, Routed(allocation_plan, instance.profile, sourcing), reason=REASON, now=now)
    drafts += [
        EventDraft(
            OrderEventType.FULFILMENT_CREATED,
            {"fulfilment_id": f.pk, "location": codes[key.location_id], "method": key.method},
        )
        for key, f in created.items()
    ]
    payload = {"order_id": order_id, "reason": REASON, "cancelled_fulfilments": [f.pk for f in move.dropped]}
    record_order_events(order_id, drafts, actor=actor, at=now, topic="order.rerouted", payload=payload)


def _released(
    dropped: list[FulfilmentOrder], sku_of: dict[int, str], instance: BatchInstance
) -> list[tuple[int, int, int]]:
    """(position id, line id, units) held for the fulfilments that go."""
    return [
        (instance.position_ids[(f.location_id, sku_of[fl.order_line_id])], fl.order_line_id, fl.quantity)
        for f in dropped
        for fl in f.lines.all()
    ]


def _release(dropped: list[FulfilmentOrder], released: list[tuple[int, int, int]], now: datetime) -> None:
    for fulfilment in dropped:
        fulfilment.status = check_transition(
            FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), FulfilmentStatus.CANCELLED
        )
        fulfilment.updated_at = now
        fulfilment.save(update_fields=["status", "updated_at"])
    for position_id, line_id, units in sorted(released):
        locks.release_reserved(position_id, units)
        _shrink_reservations(position_id, line_id, units)
    returned: dict[int, int] = defaultdict(int)
    for _, line_id, units in released:
        returned[line_id] += units
    for line in OrderLine.objects.filter(pk__in=list(returned)):
        line.unallocated_quantity += returned[line.pk]
        if line.status != LineStatus.UNALLOCATED:
            line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.UNALLOCATED)
        line.save(update_fields=["unallocated_quantity", "status"])


def _shrink_reservations(position_id: int, line_id: int, units: int) -> None:
    for reservation in Reservation.objects.filter(position_id=position_id, order_line_id=line_id).order_by("-pk"):
        taken = min(units, reservation.quantity)
        if taken == reservation.quantity:
            reservation.delete()
        else:
            reservation.quantity -= taken
            reservation.save(update_fields=["quantity"])
        units -= taken
        if units == 0:
            return


def _reserve(holds: list[Hold], instance: BatchInstance) -> None:
    per_position: dict[int, int] = defaultdict(int)
    for hold in holds:
        per_position[hold.position_id] += hold.quantity
    for position_id in sorted(per_position):
        if not locks.reserve_if_available(
            position_id, per_position[position_id], holdback=instance.holdback.get(position_id, 0)
        ):
            raise StockMoved(position_id)


def _settle(lines: dict[int, OrderLine], short: dict[int, int]) -> None:
    """Every movable unit is now either in a fulfilment (kept or new) or short."""
    for line in lines.values():
        line.refresh_from_db(fields=["unallocated_quantity", "status"])
        line.unallocated_quantity = short.get(line.pk, 0)
        target = LineStatus.ALLOCATED if line.unallocated_quantity == 0 else LineStatus.UNALLOCATED
        if line.status != target:
            line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), target)
        line.save(update_fields=["unallocated_quantity", "status"])
    order = Order.objects.get(pk=next(iter(lines.values())).order_id)
    statuses = [LineStatus(s) for s in order.lines.values_list("status", flat=True)]
    implied = order_status_for(statuses, OrderStatus(order.status))
    if implied != order.status:
        order.status = implied
        order.save(update_fields=["status"])
