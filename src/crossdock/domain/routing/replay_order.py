"""One recorded order decided again under a draft profile, from exactly what the engine saw then.

The recorded `SourcingInputs` hold the stock per (location, SKU) after channel controls, each
candidate's reliability score and load, the destination and the lines at the order's time. The
draft's filters read today's static facts of each location (type, capabilities, time zone, opening
hours, daily capacity) with the recorded load and score, at the recorded order time. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crossdock.domain.allocation import AllocationPlan, LineDemand
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.filters import SiteFacts, exclusions
from crossdock.domain.routing.live import CANNOT_SHIP, Sourcing, SourcingInputs, split_to_lines
from crossdock.domain.routing.network import Location
from crossdock.domain.routing.offering import plan_bundles
from crossdock.domain.routing.plan import Allocation, Decision, Method, Shortfall
from crossdock.domain.routing.profile import ProfileSpec, Strategy
from crossdock.domain.routing.terms import Terms


@dataclass(frozen=True, slots=True)
class StaticFacts:
    """What a location is, whatever the day: read from today's location row."""

    kind: str
    capabilities: frozenset[str]
    timezone: str
    opening_hours: Mapping[str, Any]
    daily_capacity: int


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the comparison: what ships from where, what is left unfilled, which stores were offered it."""

    allocations: tuple[Allocation, ...]
    unfilled: tuple[Shortfall, ...]
    offers: tuple[str, ...] = ()


def replay_draft(
    inputs: SourcingInputs, spec: ProfileSpec, *, facts: Mapping[str, StaticFacts], routed_at: datetime
) -> Side:
    """The draft's decision for the recorded order: its filters, its cost model, its offers."""
    excluded = draft_exclusions(inputs, spec, facts=facts, routed_at=routed_at)
    seen = replace(inputs, model=spec.cost, excluded=excluded)
    decision = seen.decide()
    store_count = spec.offers.store_count if spec.strategy == Strategy.OFFER else 0
    offers = offered_stores(seen, decision.allocations, decision.unfilled, facts=facts, store_count=store_count)
    return Side(decision.allocations, decision.unfilled, offers)


def draft_exclusions(
    inputs: SourcingInputs, spec: ProfileSpec, *, facts: Mapping[str, StaticFacts], routed_at: datetime
) -> dict[str, str]:
    """code → rule for every candidate the draft's filters rule out (first rule broken, as live), and
    `cannot_ship` for the others that cannot ship."""
    sites = [_site_facts(location, facts[location.id]) for location in inputs.locations]
    ruled_out = exclusions(spec.filters, sites, destination=inputs.destination, now=routed_at)
    for index, location in enumerate(inputs.locations):
        if location.id not in ruled_out and not _site(index, location, facts[location.id]).can_ship():
            ruled_out[location.id] = CANNOT_SHIP
    return ruled_out


def offered_stores(
    inputs: SourcingInputs,
    allocations: Sequence[Allocation],
    unfilled: Sequence[Shortfall],
    *,
    facts: Mapping[str, StaticFacts],
    store_count: int,
) -> tuple[str, ...]:
    """Every store offered the work with `store_count` stores per bundle (the live `plan_bundles`); none
    when the strategy assigns (`store_count` 0)."""
    if store_count <= 0:
        return ()
    sites = [_site(index, location, facts[location.id]) for index, location in enumerate(inputs.locations)]
    ids = {site.code: site.id for site in sites}
    demands = [LineDemand(key, line.sku, line.quantity, DeliveryMethod.SHIP) for key, line in enumerate(inputs.lines)]
    decision = Decision("order", tuple(allocations), tuple(unfilled), Terms(), Method.SEARCH, 0)
    lines, short = split_to_lines(decision, demands, ids)
    sourcing = Sourcing(AllocationPlan(tuple(lines), short), inputs, decision)
    available = {(ids[code], sku): quantity for (code, sku), quantity in inputs.stock.items() if code in ids}
    bundles = plan_bundles(sourcing, demands=demands, sites=sites, available=available, store_count=store_count)
    return tuple(sites[store].code for bundle in bundles for store in bundle.stores)


KNOWN_CAPABILITIES = frozenset(capability.value for capability in Capability)


def _site(index: int, location: Location, fact: StaticFacts) -> Site:
    return Site(
        id=index,
        code=location.id,
        type=LocationType(fact.kind),
        latitude=location.latitude,
        longitude=location.longitude,
        capabilities=frozenset(Capability(c) for c in fact.capabilities & KNOWN_CAPABILITIES),
    )


def _site_facts(location: Location, fact: StaticFacts) -> SiteFacts:
    used = round(location.load * fact.daily_capacity)  # the recorded load is that day's fulfilments / capacity
    return SiteFacts(
        code=location.id,
        kind=fact.kind,
        capabilities=fact.capabilities,
        latitude=location.latitude,
        longitude=location.longitude,
        timezone=fact.timezone,
        opening_hours=fact.opening_hours,
        capacity_left=max(0, fact.daily_capacity - used),
        reliability=location.reliability,
    )
