"""Routing at order capture: the active profile's filters and cost model applied to the channel's stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from django.db.models import Count

from crossdock.db.models import FulfilmentOrder, Location, RoutingDecision
from crossdock.domain.allocation import LineDemand
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.locations import Site
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.filters import SiteFacts, exclusions
from crossdock.domain.routing.live import (
    PickupStore,
    SiteStanding,
    Sourcing,
    SourcingInputs,
    Transfer,
    source_order,
)
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.profile import ProfileSpec, Strategy
from crossdock.domain.routing.record import inputs_to_json
from crossdock.services.orders.sourcing import StockView
from crossdock.services.routing.profiles import SelectedProfile

SHIP_TO_STORE = "ship_to_store"  # the reason of a routing decision for units shipped to a pickup store

# Work that no longer counts against today's capacity once it is here.
_NOT_LOAD = [FulfilmentStatus.CANCELLED, FulfilmentStatus.WITHDRAWN, FulfilmentStatus.UNCLAIMED]


def route_placement(
    demands: Sequence[LineDemand],
    *,
    stock: StockView,
    destination: tuple[float, float] | None,
    spec: ProfileSpec,
    now: datetime,
    without: frozenset[int] = frozenset(),
) -> Sourcing:
    """Decide where each unit comes from under `spec`: its filters rule locations out (they stay in the
    explanation with the rule), its cost model ranks the rest. `without`: locations ruled out for this
    order (a store that unclaimed it). Units shipped to a pickup store are filtered from the store."""
    facts, loads = site_facts(stock.sites, now=now)
    by_code = {site.code: site.id for site in stock.sites}

    def excluded_towards(destination: tuple[float, float] | None) -> dict[int, str]:
        ruled_out = exclusions(spec.filters, list(facts.values()), destination=destination, now=now)
        return {by_code[code]: rule for code, rule in ruled_out.items()} | {site: "unclaimed" for site in without}

    excluded = excluded_towards(destination)
    pickup_ids = {d.location_id for d in demands if d.delivery_method == DeliveryMethod.PICKUP}
    stores = Location.objects.filter(pk__in=pickup_ids).values_list("pk", "code", "latitude", "longitude")
    pickup_stores = {
        pk: PickupStore(code, latitude, longitude, excluded_towards((latitude, longitude)))
        for pk, code, latitude, longitude in (stores if pickup_ids else [])
    }
    standing = {
        by_code[code]: SiteStanding(reliability=fact.reliability, load=loads[code]) for code, fact in facts.items()
    }
    return source_order(
        demands,
        sites=stock.sites,
        available=stock.available,
        destination=destination,
        model=spec.cost,
        excluded=excluded,
        standing=standing,
        pickup_stores=pickup_stores,
    )


def site_facts(sites: Sequence[Site], *, now: datetime) -> tuple[dict[str, SiteFacts], dict[str, float]]:
    """What the profile filters read of each location, and the share of its daily capacity used today
    (one query for the rows, one for today's fulfilments)."""
    ids = [site.id for site in sites]
    rows = list(
        Location.objects.filter(pk__in=ids).values_list(
            "pk", "code", "timezone", "opening_hours", "daily_capacity", "reliability_score"
        )
    )
    used = _used_today(ids, now)
    kinds = {site.id: site for site in sites}
    facts = {
        code: SiteFacts(
            code=code,
            kind=kinds[pk].type.value,
            capabilities=frozenset(str(c) for c in kinds[pk].capabilities),
            latitude=kinds[pk].latitude,
            longitude=kinds[pk].longitude,
            timezone=timezone,
            opening_hours=hours or {},
            capacity_left=max(0, capacity - used.get(pk, 0)),
            reliability=reliability,
        )
        for pk, code, timezone, hours, capacity, reliability in rows
    }
    loads = {code: min(1.0, used.get(pk, 0) / max(1, capacity)) for pk, code, _, _, capacity, _ in rows}
    return facts, loads


def _used_today(location_ids: list[int], now: datetime) -> dict[int, int]:
    midnight = datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)
    counted = (
        FulfilmentOrder.objects.filter(location_id__in=location_ids, created_at__gte=midnight)
        .exclude(status__in=_NOT_LOAD)
        .values("location_id")
        .annotate(n=Count("id"))
        .values_list("location_id", "n")
    )
    return dict(counted)


def record_decision(
    order_id: int, sourcing: Sourcing, profile: SelectedProfile, *, reason: str, now: datetime
) -> RoutingDecision | None:
    """Keep what the engine decided and what it saw (the explanation is built from it when first read)."""
    decision, inputs = sourcing.decision, sourcing.inputs
    if decision is None or inputs is None:
        return None
    return _create(order_id, decision, inputs, profile, reason=reason, strategy=str(profile.spec.strategy), now=now)


def record_transfer(order_id: int, transfer: Transfer, profile: SelectedProfile, *, now: datetime) -> RoutingDecision:
    """Keep a ship-to-store decision (reason `ship_to_store`): its destination is the pickup store, and
    transfers are always assigned, whatever the profile's strategy."""
    return _create(
        order_id, transfer.decision, transfer.inputs, profile, reason=SHIP_TO_STORE, strategy=Strategy.ASSIGN, now=now
    )


def _create(
    order_id: int,
    decision: Decision,
    inputs: SourcingInputs,
    profile: SelectedProfile,
    *,
    reason: str,
    strategy: str,
    now: datetime,
) -> RoutingDecision:
    return RoutingDecision.objects.create(
        order_id=order_id,
        reason=reason,
        profile_id=profile.id,
        profile_name=profile.name,
        profile_version=profile.version,
        strategy=strategy,
        method=str(decision.method),
        cost=decision.cost,
        terms=decision.terms.as_dict(),
        allocations=[{"sku": a.sku, "location": a.location, "quantity": a.quantity} for a in decision.allocations],
        unfilled=[{"sku": s.sku, "quantity": s.quantity} for s in decision.unfilled],
        inputs=inputs_to_json(inputs),
        created_at=now,
    )
