"""Live sourcing of a captured order: pickup and carry-out lines at their store, shipped lines by the engine.

`source_order` is the `Allocator` of order capture once a routing profile is known. What it decides
from is kept as a `SourcingInputs` value, JSON-ready, so the decision can be explained (and audited)
later from exactly what it saw, without paying for the explanation while the customer waits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from crossdock.domain.allocation import Allocation as LineAllocation
from crossdock.domain.allocation import AllocationPlan, Availability, LineDemand, allocate_at_store
from crossdock.domain.locations import Site
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.network import Line, Location, Network, Order
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.route import route_order

CANNOT_SHIP = "cannot_ship"
ORDER_KEY = "order"


@dataclass(frozen=True, slots=True)
class SiteStanding:
    """How a location stands today: its reliability score and the share of its daily capacity used."""

    reliability: float = 1.0
    load: float = 0.0


@dataclass(frozen=True, slots=True)
class SourcingInputs:
    """Everything the engine saw for the shipped lines: enough to decide again, or to explain."""

    model: CostModel
    destination: tuple[float, float] | None
    locations: tuple[Location, ...]
    stock: Mapping[tuple[str, str], int]
    lines: tuple[Line, ...]
    excluded: Mapping[str, str] = field(default_factory=dict)

    def decide(self) -> Decision:
        latitude, longitude = self.destination or (0.0, 0.0)
        model = self.model if self.destination else replace(self.model, per_km=0.0)  # unknown address: no km
        network = Network({location.id: location for location in self.locations}, model)
        order = Order(ORDER_KEY, latitude, longitude, self.lines)
        return route_order(order, network=network, inventory=Inventory(self.stock, {}), excluded=self.excluded)


@dataclass(frozen=True, slots=True)
class Sourcing:
    plan: AllocationPlan
    inputs: SourcingInputs | None = None  # None when nothing is shipped
    decision: Decision | None = None


def source_order(
    demands: Sequence[LineDemand],
    *,
    sites: Sequence[Site],
    available: Availability,
    destination: tuple[float, float] | None,
    model: CostModel,
    excluded: Mapping[int, str] | None = None,
    standing: Mapping[int, SiteStanding] | None = None,
) -> Sourcing:
    """Pickup and carry-out lines take what their store has; shipped lines go where the cost model says.

    `excluded` (location id → rule) are locations a profile filter ruled out; they stay in the
    explanation as infeasible. Pure: decides only.
    """
    left = dict(available)
    allocations: list[LineAllocation] = []
    unallocated: dict[int, int] = {}
    for demand in demands:
        if demand.delivery_method != DeliveryMethod.SHIP:
            allocate_at_store(demand, left, allocations, unallocated)
    shipped = [demand for demand in demands if demand.delivery_method == DeliveryMethod.SHIP]
    if not shipped:
        return Sourcing(AllocationPlan(tuple(allocations), unallocated))
    inputs = _inputs(shipped, sites, left, destination, model, excluded or {}, standing or {})
    decision = inputs.decide()
    by_code = {site.code: site.id for site in sites}
    shipped_allocations, short = split_to_lines(decision, shipped, by_code)
    unallocated.update(short)
    return Sourcing(AllocationPlan(tuple(allocations + shipped_allocations), unallocated), inputs, decision)


def _inputs(
    shipped: list[LineDemand],
    sites: Sequence[Site],
    left: Mapping[tuple[int, str], int],
    destination: tuple[float, float] | None,
    model: CostModel,
    excluded: Mapping[int, str],
    standing: Mapping[int, SiteStanding],
) -> SourcingInputs:
    skus = {demand.sku for demand in shipped}
    stock = {(site.code, sku): left.get((site.id, sku), 0) for site in sites for sku in skus}
    holding = {code for (code, _), quantity in stock.items() if quantity > 0}
    candidates = [site for site in sites if site.code in holding]
    rules = {site.code: excluded[site.id] for site in candidates if site.id in excluded}
    rules |= {site.code: CANNOT_SHIP for site in candidates if not site.can_ship() and site.code not in rules}
    return SourcingInputs(
        model=model,
        destination=destination,
        locations=tuple(_location(site, standing.get(site.id, SiteStanding())) for site in candidates),
        stock={key: quantity for key, quantity in stock.items() if quantity > 0},
        lines=tuple(Line(demand.sku, demand.quantity) for demand in shipped),
        excluded=rules,
    )


def _location(site: Site, standing: SiteStanding) -> Location:
    reliability = min(1.0, max(0.0, standing.reliability))
    load = min(1.0, max(0.0, standing.load))
    return Location(site.code, site.latitude, site.longitude, kind=site.type.value, reliability=reliability, load=load)


def split_to_lines(
    decision: Decision, demands: Sequence[LineDemand], location_ids: Mapping[str, int]
) -> tuple[list[LineAllocation], dict[int, int]]:
    """The engine allocates per SKU; lines of one SKU take their units in line order."""
    pools: dict[str, list[list[int | str]]] = {}
    for allocation in decision.allocations:
        pools.setdefault(allocation.sku, []).append([allocation.location, allocation.quantity])
    allocations: list[LineAllocation] = []
    short: dict[int, int] = {}
    for demand in demands:
        wanted = demand.quantity
        for pool in pools.get(demand.sku, []):
            location, units = str(pool[0]), int(pool[1])
            taken = min(wanted, units)
            if taken:
                allocations.append(LineAllocation(demand.key, location_ids[location], taken))
                pool[1] = units - taken
                wanted -= taken
        if wanted:
            short[demand.key] = wanted
    return allocations, short
