"""Live sourcing of a captured order: pickup and carry-out lines at their store, shipped lines by the engine;
what a pickup store lacks is shipped to it (ship to store), routed by the engine like a shipped order.

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
RULED_OUT_FOR_ORDER = "unclaimed"  # a store that gave this order back (unclaim, expiry, short pick)
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
class PickupStore:
    """A store pickup lines name, as ship to store needs it: where it is, and the locations ruled out for
    shipping to it (a profile's distance filter measured from the store)."""

    code: str
    latitude: float
    longitude: float
    excluded: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Transfer:
    """Ship to store: pickup units their store lacks, routed as a shipped order to the store's coordinates."""

    store_id: int
    store: str  # its code
    inputs: SourcingInputs
    decision: Decision


@dataclass(frozen=True, slots=True)
class Sourcing:
    plan: AllocationPlan
    inputs: SourcingInputs | None = None  # None when nothing is shipped
    decision: Decision | None = None
    transfers: tuple[Transfer, ...] = ()  # one per pickup store that lacks units


def source_order(
    demands: Sequence[LineDemand],
    *,
    sites: Sequence[Site],
    available: Availability,
    destination: tuple[float, float] | None,
    model: CostModel,
    excluded: Mapping[int, str] | None = None,
    standing: Mapping[int, SiteStanding] | None = None,
    pickup_stores: Mapping[int, PickupStore] | None = None,
) -> Sourcing:
    """Pickup and carry-out lines take what their store has; shipped lines go where the cost model says;
    then what each pickup store lacks is shipped to it from where the cost model says (ship to store).

    `excluded` (location id → rule) are locations a profile filter ruled out; they stay in the
    explanation as infeasible. `pickup_stores` (location id → store): the stores units may be shipped
    to; pickup units of a store not listed take only what it has. Pure: decides only.
    """
    left = dict(available)
    allocations: list[LineAllocation] = []
    unallocated: dict[int, int] = {}
    for demand in demands:
        if demand.delivery_method == DeliveryMethod.SHIP:
            continue
        if (excluded or {}).get(demand.location_id or 0) == RULED_OUT_FOR_ORDER:  # it came up short: ship to it
            unallocated[demand.key] = demand.quantity
        else:
            allocate_at_store(demand, left, allocations, unallocated)
    shipped = [demand for demand in demands if demand.delivery_method == DeliveryMethod.SHIP]
    inputs: SourcingInputs | None = None
    decision: Decision | None = None
    if shipped:
        inputs = _inputs(shipped, sites, left, destination, model, excluded or {}, standing or {})
        decision = inputs.decide()
        shipped_allocations, short = split_to_lines(decision, shipped, {site.code: site.id for site in sites})
        _take(left, shipped_allocations, shipped)
        allocations += shipped_allocations
        unallocated.update(short)
    shortfall = [
        replace(demand, quantity=unallocated[demand.key])
        for demand in demands
        if demand.delivery_method == DeliveryMethod.PICKUP and demand.key in unallocated
    ]
    transfers = _ship_to_stores(shortfall, sites, left, model, pickup_stores or {}, standing or {})
    for transfer, moved, short in transfers:
        allocations += moved
        for demand in shortfall:
            if demand.location_id == transfer.store_id:  # what the transfer could not cover stays unallocated
                del unallocated[demand.key]
                if demand.key in short:
                    unallocated[demand.key] = short[demand.key]
    plan = AllocationPlan(tuple(allocations), unallocated)
    return Sourcing(plan, inputs, decision, tuple(transfer for transfer, _, _ in transfers))


def _ship_to_stores(
    shortfall: list[LineDemand],
    sites: Sequence[Site],
    left: dict[tuple[int, str], int],
    model: CostModel,
    stores: Mapping[int, PickupStore],
    standing: Mapping[int, SiteStanding],
) -> list[tuple[Transfer, list[LineAllocation], dict[int, int]]]:
    """Each pickup store's missing units, routed as an order shipped to the store (in store id order, each
    taking from what the ones before left). The store has none of them left, so it is no candidate."""
    by_code = {site.code: site.id for site in sites}
    routed = []
    for store_id in sorted({d.location_id for d in shortfall if d.location_id is not None and d.location_id in stores}):
        store = stores[store_id]
        wanted = [demand for demand in shortfall if demand.location_id == store_id]
        destination = (store.latitude, store.longitude)
        inputs = _inputs(wanted, sites, left, destination, model, store.excluded, standing)
        if not inputs.stock:  # nobody holds any of it: nothing to ship, nothing to explain
            continue
        decision = inputs.decide()
        moved, short = split_to_lines(decision, wanted, by_code)
        _take(left, moved, wanted)
        moved = [replace(allocation, destination_id=store_id) for allocation in moved]
        routed.append((Transfer(store_id, store.code, inputs, decision), moved, short))
    return routed


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


def _take(
    left: dict[tuple[int, str], int], allocations: Sequence[LineAllocation], demands: Sequence[LineDemand]
) -> None:
    sku_of = {demand.key: demand.sku for demand in demands}
    for allocation in allocations:
        key = (allocation.location_id, sku_of[allocation.line_key])
        left[key] = left.get(key, 0) - allocation.quantity


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
