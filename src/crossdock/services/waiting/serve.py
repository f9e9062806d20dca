"""Serve one waiting line from stock: reserve what is there, create its fulfilment, say so on the timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Order, OrderLine, Reservation, WaitingLine
from crossdock.domain.allocation import Allocation, AllocationPlan, LineDemand
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import LINE_TRANSITIONS, SHORT_LINE_STATUSES, DeliveryMethod, LineStatus
from crossdock.domain.routing.profile import Strategy
from crossdock.domain.transitions import check_transition
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.channel_stock import ChannelStock
from crossdock.services.orders.destination import address_destination
from crossdock.services.orders.placement_routing import Routed, profile_for, record_routing, route_demands
from crossdock.services.orders.sourcing import StockView
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.locked_stock import LockedStock


def serve_waiting_line(waiting: WaitingLine, *, stocks: LockedStock, now: datetime) -> int:
    """Allocate what stock allows of the (row-locked) waiting line; returns the units allocated.

    `stocks`: the SKU's positions as this transaction holds them. A line that no longer waits
    (cancelled, or allocated some other way) closes its waiting row.
    """
    order = locks.lock_order(waiting.order_line.order_id)
    line = OrderLine.objects.get(pk=waiting.order_line_id)
    units = min(waiting.quantity, line.unallocated_quantity) if line.status in SHORT_LINE_STATUSES else 0
    if units == 0:
        _close(waiting, WaitingStatus.CANCELLED if line.status == LineStatus.CANCELLED else WaitingStatus.RELEASED, now)
        return 0
    sku = stocks.sku
    stock = stocks.stock(order.channel_id, line.location_id)
    demand = LineDemand(0, sku, units, DeliveryMethod(line.delivery_method), line.location_id)
    routed = _route(order, demand, stock, now)
    plan = routed.plan
    if not plan.allocations:
        return 0
    for allocation in plan.allocations:
        _reserve(order, line, allocation, stock, sku, now)
        stocks.took(stock.position_ids[(allocation.location_id, sku)], allocation.quantity)
    allocated = sum(a.quantity for a in plan.allocations)
    _settle(line, waiting, allocated, now)
    _record(
        order, line, plan.allocations, stock, now, routing=record_routing(order.pk, routed, reason="released", now=now)
    )
    return allocated


def _route(order: Order, demand: LineDemand, stock: ChannelStock, now: datetime) -> Routed:
    """Where the released units come from: the engine under the order's profile, assigned (the customer has
    waited already); units a pickup store would need shipped in keep waiting for its own stock."""
    profile = profile_for(
        [demand],
        channel=order.channel.code,
        customer_tier=order.customer.tier if order.customer else "standard",
        order_value=Decimal(order.total),
    )
    assigned = replace(profile, spec=replace(profile.spec, strategy=Strategy.ASSIGN))
    view = StockView(
        sites=stock.sites, position_ids=stock.position_ids, available=stock.available, holdback=stock.holdback
    )
    routed = route_demands(
        [demand], stock=view, destination=address_destination(order.shipping_address), profile=assigned, now=now
    )
    kept = tuple(a for a in routed.plan.allocations if a.destination_id is None)
    if routed.sourcing is None:
        return replace(routed, plan=AllocationPlan(kept))
    return replace(routed, plan=AllocationPlan(kept), sourcing=replace(routed.sourcing, transfers=()))


def _reserve(
    order: Order, line: OrderLine, allocation: Allocation, stock: ChannelStock, sku: str, now: datetime
) -> None:
    position_id = stock.position_ids[(allocation.location_id, sku)]
    reserved = locks.reserve_if_available(position_id, allocation.quantity, holdback=stock.holdback.get(position_id, 0))
    assert reserved, "the positions are locked: what we read is what is there"
    fulfilment = FulfilmentOrder.objects.create(
        order=order,
        location_id=allocation.location_id,
        delivery_method=line.delivery_method,
        # Work for an order on hold waits, held, until the hold is released.
        status=FulfilmentStatus.HELD if is_on_hold(order.pk) else FulfilmentStatus.ASSIGNED,
        created_at=now,
        updated_at=now,
    )
    FulfilmentLine.objects.create(fulfilment=fulfilment, order_line=line, quantity=allocation.quantity)
    Reservation.objects.create(position_id=position_id, order_line=line, quantity=allocation.quantity)


def _settle(line: OrderLine, waiting: WaitingLine, allocated: int, now: datetime) -> None:
    line.unallocated_quantity -= allocated
    if line.unallocated_quantity == 0:
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.ALLOCATED)
    line.save(update_fields=["status", "unallocated_quantity"])
    waiting.quantity -= allocated
    if waiting.quantity == 0:
        _close(waiting, WaitingStatus.RELEASED, now)
    else:
        waiting.save(update_fields=["quantity"])


def _close(waiting: WaitingLine, status: WaitingStatus, now: datetime) -> None:
    waiting.status, waiting.released_at = status, now
    waiting.save(update_fields=["status", "quantity", "released_at"])


def _record(
    order: Order,
    line: OrderLine,
    allocations: tuple[Allocation, ...],
    stock: ChannelStock,
    now: datetime,
    *,
    routing: list[EventDraft],
) -> None:
    codes = {site.id: site.code for site in stock.sites}
    codes.update({line.location_id: line.location.code} if line.location_id and line.location else {})
    released = [{"location": codes.get(a.location_id, str(a.location_id)), "quantity": a.quantity} for a in allocations]
    record_order_events(
        order.pk,
        [
            EventDraft(OrderEventType.WAITING_LINE_RELEASED, {"line": line.line_number, "allocations": released}),
            *routing,
        ],
        actor="worker",
        at=now,
        topic="order.lines_released",
        payload={"order_id": order.pk, "line": line.line_number, "allocations": released},
    )
