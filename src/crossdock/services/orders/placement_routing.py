"""The routing step of order capture: the profile that applies, the engine's decision, the offers it opens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from crossdock.db.models import RoutingDecision
from crossdock.domain.allocation import AllocationPlan, Allocator, LineDemand
from crossdock.domain.events import OrderEventType
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.live import Sourcing
from crossdock.domain.routing.offering import Bundle, plan_bundles
from crossdock.domain.routing.profile import Strategy
from crossdock.services.orders.sourcing import StockView
from crossdock.services.routing.placement import SHIP_TO_STORE, record_decision, record_transfer, route_placement
from crossdock.services.routing.profiles import SelectedProfile, select_profile
from crossdock.services.timeline import EventDraft


@dataclass(frozen=True, slots=True)
class Routed:
    plan: AllocationPlan
    profile: SelectedProfile
    sourcing: Sourcing | None = None
    bundles: tuple[Bundle, ...] = ()


def profile_for(
    demands: Sequence[LineDemand], *, channel: str, customer_tier: str, order_value: Decimal
) -> SelectedProfile:
    """The active profile for this order (shipped orders select by `ship`, others by their first line)."""
    methods = [demand.delivery_method for demand in demands]
    method = DeliveryMethod.SHIP if DeliveryMethod.SHIP in methods else (methods[0] if methods else DeliveryMethod.SHIP)
    return select_profile(channel=channel, delivery_method=method, customer_tier=customer_tier, order_value=order_value)


def route_demands(
    demands: Sequence[LineDemand],
    *,
    stock: StockView,
    destination: tuple[float, float] | None,
    profile: SelectedProfile,
    now: datetime,
    allocator: Allocator | None = None,
    on_hold: bool = False,
    without: frozenset[int] = frozenset(),
) -> Routed:
    """Where each unit comes from; with the `offer` strategy, which stores are offered the store work.

    An order on hold is routed and its stock held, but not offered to stores until it is released."""
    if allocator is not None:  # a test's own policy: no engine, no explanation
        plan = allocator(demands, sites=stock.sites, available=stock.available, destination=destination)
        return Routed(plan, profile)
    spec = profile.spec
    sourcing = route_placement(demands, stock=stock, destination=destination, spec=spec, now=now, without=without)
    if spec.strategy != Strategy.OFFER or on_hold:
        return Routed(sourcing.plan, profile, sourcing)
    bundles = plan_bundles(
        sourcing,
        demands=demands,
        sites=stock.sites,
        available=stock.available,
        store_count=spec.offers.store_count,
        unavailable=without,
    )
    return Routed(sourcing.plan, profile, sourcing, bundles)


def record_routing(order_id: int, routed: Routed, *, reason: str, now: datetime) -> list[EventDraft]:
    """Keep the engine's decision (the timeline links it) and say on the timeline how the order was routed."""
    if routed.sourcing is None:
        return []
    drafts = []
    decision = record_decision(order_id, routed.sourcing, routed.profile, reason=reason, now=now)
    if decision is not None:
        drafts.append(_routed_event(order_id, decision, reason=reason))
    for transfer in routed.sourcing.transfers:  # units shipped to a pickup store: their own decision
        shipped_to_store = record_transfer(order_id, transfer, routed.profile, now=now)
        drafts.append(_routed_event(order_id, shipped_to_store, reason=SHIP_TO_STORE, extra={"store": transfer.store}))
    return drafts


def _routed_event(
    order_id: int, decision: RoutingDecision, *, reason: str, extra: dict[str, str] | None = None
) -> EventDraft:
    return EventDraft(
        OrderEventType.ORDER_ROUTED,
        {
            "decision_id": decision.pk,
            "routing": f"/api/v1/orders/{order_id}/routing",
            "profile": decision.profile_name,
            "version": decision.profile_version,
            "strategy": decision.strategy,
            "method": decision.method,
            "cost": round(decision.cost, 4),
            "locations": sorted({a["location"] for a in decision.allocations}),
            **(extra or {}),
        },
        reason=reason,
    )
