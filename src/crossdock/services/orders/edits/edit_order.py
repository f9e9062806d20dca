"""Edit an order before its fulfilment starts: quantities, lines, shipping address, delivery.

Every touched line gives its stock back and is routed again through the same path as a new order
(load_stock → the engine under the order's routing profile → reserve_plan), in one transaction: if
the new shape cannot be reserved in full, nothing changes. Edited lines are assigned, not offered: an
edit answers the customer now, and the profile's cost model still decides where.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from django.db import transaction

from crossdock.db.models import Order, OrderLine
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.edits import EditRefused, check_changes
from crossdock.domain.errors import InsufficientStock, InvalidInput
from crossdock.domain.events import OrderEventType
from crossdock.domain.orders import LINE_TRANSITIONS, DeliveryMethod, LineStatus, OrderStatus
from crossdock.domain.routing.profile import Strategy
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.destination import address_destination
from crossdock.services.orders.edits.commands import OrderEdit
from crossdock.services.orders.edits.lines import added_lines, address_json, apply_changes
from crossdock.services.orders.edits.plan import EditTarget, check_result, target_lines
from crossdock.services.orders.edits.stock import cancel_emptied_fulfilments, place_holds, release_lines
from crossdock.services.orders.placement_routing import profile_for, record_routing, route_demands
from crossdock.services.orders.pricing import reapportion_discount, settle_totals
from crossdock.services.orders.sourcing import load_stock, reserve_plan
from crossdock.services.payments.settle import settle_payments
from crossdock.services.timeline import EventDraft, record_order_events

EDITABLE_ORDERS = (OrderStatus.PLACED, OrderStatus.IN_FULFILMENT, OrderStatus.PARTIALLY_SHIPPED)


def edit_order(order_id: int, edit: OrderEdit, *, actor: str) -> None:
    """Apply the edit, re-allocate the touched lines, re-price the order and settle its payment.

    Raises NotFound; InvalidInput (nothing to change, unknown line, bad quantity); EditRefused (the
    order is completed or cancelled, or a touched line is fulfilled, cancelled, or being picked);
    UnknownSku, UnknownLocation, CapabilityMissing, DuplicateLine, AddressRequired; InsufficientStock
    when the new shape cannot be reserved. On any error nothing is changed.
    """
    if edit.is_empty():
        raise InvalidInput("the edit changes nothing", field="lines")
    if not edit.reason.strip():
        raise InvalidInput("an edit needs a reason", field="reason")
    check_changes(edit.changes, edit.remove)
    with transaction.atomic():
        order = lock_existing_order(order_id)
        if order.status not in EDITABLE_ORDERS:
            raise EditRefused(f"a {order.status} order can no longer change", field="order_id")
        now = clock.now()
        before = Decimal(order.total)
        lines = list(order.lines.select_related("product"))
        target = target_lines(order, lines, edit)
        new_lines = added_lines(order, edit, start=max(line.line_number for line in lines) + 1)
        routing = _apply(order, lines, target, new_lines, edit, now)
        _reprice(order, [*lines, *new_lines])
        _record(order, target, new_lines, edit, before, actor=actor, now=now, routing=routing)
        settle_payments(order, actor=actor, now=now)


def _apply(
    order: Order, lines: list[OrderLine], target: EditTarget, new_lines: list[OrderLine], edit: OrderEdit, now: datetime
) -> list[EventDraft]:
    if edit.shipping_address is not None:
        order.shipping_address = address_json(edit.shipping_address)
    touched = [*target.moved, *target.removed]
    stores = {line.location_id for line in touched if line.location_id}
    apply_changes(target, edit)
    for line in target.removed:
        line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.CANCELLED, field="remove")
    check_result([*lines, *new_lines], has_address=bool(order.shipping_address))
    moving = [*target.moved, *new_lines]
    stores |= {line.location_id for line in moving if line.location_id}
    products = {line.sku: line.product_id for line in [*touched, *new_lines]}
    # Every stock row the edit may touch, locked once in pk order, before any fulfilment row.
    load_stock(channel=order.channel, product_ids=products, store_ids=stores, lock=True)
    release_lines(order, touched, now, cancel_emptied=False)  # a line staying put keeps its fulfilment
    OrderLine.objects.bulk_update(
        touched, ["quantity", "delivery_method", "location", "status", "unallocated_quantity"]
    )
    for line in new_lines:
        line.save()
    return _allocate(order, moving, products, stores, now)


def _allocate(
    order: Order, moving: list[OrderLine], products: dict[str, int], stores: set[int], now: datetime
) -> list[EventDraft]:
    demands = [
        LineDemand(
            key=index,
            sku=line.sku,
            quantity=line.quantity,
            delivery_method=DeliveryMethod(line.delivery_method),
            location_id=line.location_id,
        )
        for index, line in enumerate(moving)
    ]
    stock = load_stock(channel=order.channel, product_ids=products, store_ids=stores, lock=True)
    profile = profile_for(
        demands,
        channel=order.channel.code,
        customer_tier=order.customer.tier if order.customer else "standard",
        order_value=Decimal(order.total),
    )
    assigned = replace(profile, spec=replace(profile.spec, strategy=Strategy.ASSIGN))
    routed = route_demands(
        demands, stock=stock, destination=address_destination(order.shipping_address), profile=assigned, now=now
    )
    plan = _without_transfers(routed.plan)
    _refuse_unallocated(plan, moving)
    holds = reserve_plan(plan, demands, stock)
    place_holds(order, moving, holds, held=is_on_hold(order.pk), now=now)
    cancel_emptied_fulfilments(order, now)
    return record_routing(order.pk, routed, reason="edited", now=now)  # any transfer was refused just above


def _without_transfers(plan: AllocationPlan) -> AllocationPlan:
    """An edit does not ship units to a pickup store (not supported yet): such units count as unallocated,
    so the edit is refused and nothing changes."""
    moved = [a for a in plan.allocations if a.destination_id is not None]
    if not moved:
        return plan
    unallocated = dict(plan.unallocated)
    for allocation in moved:
        unallocated[allocation.line_key] = unallocated.get(allocation.line_key, 0) + allocation.quantity
    kept = tuple(a for a in plan.allocations if a.destination_id is None)
    return AllocationPlan(kept, unallocated)


def _refuse_unallocated(plan: AllocationPlan, moving: list[OrderLine]) -> None:
    if not plan.unallocated:
        return
    key = min(plan.unallocated)
    line = moving[key]
    raise InsufficientStock(
        f"{plan.unallocated[key]} of {line.quantity} × {line.sku} cannot be reserved; the order is unchanged",
        field="lines",
    )


def _reprice(order: Order, lines: list[OrderLine]) -> None:
    live = [line for line in lines if line.status != LineStatus.CANCELLED]
    open_lines = [line for line in live if line.status != LineStatus.FULFILLED]
    fixed = [line for line in live if line.status == LineStatus.FULFILLED]
    reapportion_discount(order, open_lines, fixed)
    OrderLine.objects.bulk_update(open_lines, ["discount"])
    settle_totals(order, lines)
    order.save(update_fields=["shipping_address", "total", "discount_total", "shipping_total", "updated_at"])


def _record(
    order: Order,
    target: EditTarget,
    new_lines: list[OrderLine],
    edit: OrderEdit,
    before: Decimal,
    *,
    actor: str,
    now: datetime,
    routing: list[EventDraft],
) -> None:
    order.updated_at = now
    order.save(update_fields=["updated_at"])
    data = {
        "changed": [line.line_number for line in target.moved],
        "added": [line.line_number for line in new_lines],
        "removed": [line.line_number for line in target.removed],
        "address_changed": edit.shipping_address is not None,
        "total_before": str(before),
        "total_after": str(order.total),
    }
    record_order_events(
        order.pk,
        [EventDraft(OrderEventType.ORDER_EDITED, data, reason=edit.reason), *routing],
        actor=actor,
        at=now,
        topic="order.edited",
        payload={"order_id": order.pk, "reason": edit.reason, **data},
    )
