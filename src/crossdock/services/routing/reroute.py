"""Routing again the units of an order that nobody holds: after an unclaim, a claim timeout, a short pick,
a hold released. The caller holds the order's row lock and the transaction; a caller that locks stock rows
before (to release holds) locks the order's stock first with `offers.holds.lock_order_stock`, or its second
set of row locks can deadlock with order capture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from crossdock.db.models import Order, OrderLine, RoutingExclusion, WaitingLine
from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.events import OrderEventType
from crossdock.domain.locations import LocationType
from crossdock.domain.orders import (
    LINE_TRANSITIONS,
    DeliveryMethod,
    LineStatus,
    OrderStatus,
    RequestedLine,
    order_status_for,
)
from crossdock.domain.routing.profile import EscalationStep, Strategy
from crossdock.domain.transitions import check_transition
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.offers.rounds import offered_events, open_rounds
from crossdock.services.orders.destination import address_destination
from crossdock.services.orders.fulfilment_rows import write_fulfilments
from crossdock.services.orders.placement_routing import Routed, profile_for, record_routing, route_demands
from crossdock.services.orders.sourcing import StockView, load_stock, reserve_plan
from crossdock.services.routing.profiles import SelectedProfile
from crossdock.services.timeline import EventDraft, record_order_events
from crossdock.services.waiting.placing import plan_waiting, record_waiting


@dataclass(frozen=True, slots=True)
class Rerouted:
    allocated: int
    offered_rounds: int
    still_unallocated: int
    step: str


def reroute_order(
    order: Order, *, reason: str, actor: str, now: datetime, ladder: Sequence[EscalationStep] | None = None
) -> Rerouted:
    """Route the order's unallocated shipped and pickup units under its profile, without the stores ruled out
    for it (a pickup line takes what its store has, and the rest is shipped to that store).

    `ladder`: the escalation steps still open (after a claim timeout); the first step that places
    anything wins. None means the profile's own strategy."""
    lines = _open_lines(order)
    if not lines:
        return Rerouted(0, 0, 0, "none")
    demands = [
        LineDemand(line.pk, line.sku, line.unallocated_quantity, DeliveryMethod(line.delivery_method), line.location_id)
        for line in lines
    ]
    product_ids = {line.sku: line.product_id for line in lines}
    pickup_stores = {line.location_id for line in lines if line.location_id is not None}
    stock = load_stock(channel=order.channel, product_ids=product_ids, store_ids=pickup_stores, lock=True)
    profile = _profile(order, demands)
    without = frozenset(RoutingExclusion.objects.filter(order=order).values_list("location_id", flat=True))
    steps: list[EscalationStep | None] = list(ladder) if ladder is not None else [None]
    for index, step in enumerate(steps):
        if step == EscalationStep.BACKORDER:
            return _backorder(order, lines, actor=actor, now=now)
        routed = _route_step(step, demands, stock, order, profile, without, now)
        if routed.plan.allocations:
            rest = [str(s) for s in steps[index + 1 :] if s is not None]
            return _apply(order, lines, demands, stock, routed, rest, reason=reason, actor=actor, now=now, step=step)
    return Rerouted(0, 0, sum(line.unallocated_quantity for line in lines), "nothing_available")


def _open_lines(order: Order) -> list[OrderLine]:
    waiting = WaitingLine.objects.filter(order_line__order=order, status=WaitingStatus.WAITING)
    return list(
        order.lines.filter(
            status=LineStatus.UNALLOCATED,
            delivery_method__in=[DeliveryMethod.SHIP, DeliveryMethod.PICKUP],
            unallocated_quantity__gt=0,
        )
        .exclude(pk__in=waiting.values("order_line_id"))
        .order_by("line_number")
    )


def _profile(order: Order, demands: list[LineDemand]) -> SelectedProfile:
    return profile_for(
        demands,
        channel=order.channel.code,
        customer_tier=order.customer.tier if order.customer else "standard",
        order_value=order.total,
    )


def _route_step(
    step: EscalationStep | None,
    demands: list[LineDemand],
    stock: StockView,
    order: Order,
    profile: SelectedProfile,
    without: frozenset[int],
    now: datetime,
) -> Routed:
    destination = address_destination(order.shipping_address)
    on_hold = is_on_hold(order.pk)
    if step == EscalationStep.WAREHOUSES:
        stores = frozenset(site.id for site in stock.sites if site.type == LocationType.STORE)
        # The ladder reaches beyond the profile's own location types: warehouses take over.
        filters = replace(profile.spec.filters, location_types=(str(LocationType.WAREHOUSE),))
        assign = replace(profile, spec=replace(profile.spec, strategy=Strategy.ASSIGN, filters=filters))
        return route_demands(
            demands, stock=stock, destination=destination, profile=assign, now=now, without=without | stores
        )
    if step == EscalationStep.NEXT_STORES:
        warehouses = frozenset(site.id for site in stock.sites if site.type != LocationType.STORE)
        offer = replace(profile, spec=replace(profile.spec, strategy=Strategy.OFFER))
        return route_demands(
            demands,
            stock=stock,
            destination=destination,
            profile=offer,
            now=now,
            without=without | warehouses,
            on_hold=on_hold,
        )
    return route_demands(
        demands, stock=stock, destination=destination, profile=profile, now=now, without=without, on_hold=on_hold
    )


def _apply(
    order: Order,
    lines: list[OrderLine],
    demands: list[LineDemand],
    stock: StockView,
    routed: Routed,
    ladder: list[str],
    *,
    reason: str,
    actor: str,
    now: datetime,
    step: EscalationStep | None,
) -> Rerouted:
    by_key = {line.pk: line for line in lines}
    holds = reserve_plan(routed.plan, demands, stock, routed.bundles)
    settings = routed.profile.spec.offers
    escalation = None if step is None else [EscalationStep(s) for s in ladder]  # a fresh routing: the whole ladder
    rounds = open_rounds(order.pk, routed.bundles, settings, now, escalation=escalation)
    fulfilments = write_fulfilments(order.pk, by_key, holds, now, rounds=rounds, held=is_on_hold(order.pk))
    allocated = _settle_lines(by_key, routed.plan)
    _settle_order(order)
    codes = {site.id: site.code for site in stock.sites}
    drafts = record_routing(order.pk, routed, reason=reason, now=now)
    drafts += offered_events(rounds, list(fulfilments.values()), codes)
    drafts += [
        EventDraft(
            OrderEventType.FULFILMENT_CREATED,
            {"fulfilment_id": f.pk, "location": codes[key.location_id], "method": key.method},
        )
        for key, f in fulfilments.items()
        if key.bundle is None
    ]
    if step is not None:
        drafts.insert(0, EventDraft(OrderEventType.ESCALATED, {"step": str(step)}, reason=reason))
    record_order_events(
        order.pk, drafts, actor=actor, at=now, topic="order.rerouted", payload={"order_id": order.pk, "reason": reason}
    )
    left = sum(line.unallocated_quantity for line in lines)
    return Rerouted(allocated, len(rounds), left, str(step) if step else "profile")


def _settle_lines(by_key: dict[int, OrderLine], plan: AllocationPlan) -> int:
    allocated = 0
    for allocation in plan.allocations:
        line = by_key[allocation.line_key]
        line.unallocated_quantity -= allocation.quantity
        allocated += allocation.quantity
    for line in by_key.values():
        if line.unallocated_quantity == 0:
            line.status = check_transition(LINE_TRANSITIONS, LineStatus(line.status), LineStatus.ALLOCATED)
        line.save(update_fields=["unallocated_quantity", "status"])
    return allocated


def _settle_order(order: Order) -> None:
    statuses = [LineStatus(s) for s in order.lines.values_list("status", flat=True)]
    implied = order_status_for(statuses, OrderStatus(order.status))
    if implied != order.status:
        order.status = implied
        order.save(update_fields=["status"])


def _backorder(order: Order, lines: list[OrderLine], *, actor: str, now: datetime) -> Rerouted:
    """The last step of the ladder: wait for stock, where the channel and SKU allow backorders — the lines
    become `backordered` with a promise date from open supply, exactly as at placement."""
    requested = [
        RequestedLine(line.sku, line.unallocated_quantity, DeliveryMethod(line.delivery_method)) for line in lines
    ]
    short = AllocationPlan((), {key: line.unallocated_quantity for key, line in enumerate(lines)})
    products = {line.sku: line.product for line in lines}
    waiting = plan_waiting(short, {}, lines=requested, channel=order.channel, products=products)
    record_waiting(order, lines, waiting, actor=actor, now=now)
    backordered = [lines[key].line_number for key in waiting.drafts]
    described = {str(line.line_number): line.unallocated_quantity for line in lines}
    record_order_events(
        order.pk,
        [
            EventDraft(
                OrderEventType.ESCALATED,
                {"step": "backorder", "lines": described, "backordered": backordered},
                reason="no store claimed and no warehouse has the stock",
            )
        ],
        actor=actor,
        at=now,
        topic="order.escalated",
        payload={"order_id": order.pk, "step": "backorder"},
    )
    return Rerouted(0, 0, sum(line.unallocated_quantity for line in lines), "backorder")
