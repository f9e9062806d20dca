"""Replay KPIs: what a plan costs and how it ships, per order and summed over orders.

What happened (the recorded decision) and what a draft profile would have done are measured by the
same functions from the same recorded inputs, so the two columns differ only by the plans. Cost is
priced twice for both sides: under the draft's cost model and under the model the order was routed
with (the engine's own term functions, `plan_terms`), because a draft that changes the weights would
otherwise be compared in another currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from crossdock.domain.geo import haversine_km
from crossdock.domain.routing.breakdown import plan_terms
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.live import ORDER_KEY, SourcingInputs
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.problem import build_problem
from crossdock.domain.routing.replay_order import Side
from crossdock.domain.routing.terms import Terms

LOW_RELIABILITY = 0.7  # an offer to a store scoring below this counts as an offer to a low-reliability store


@dataclass(frozen=True, slots=True)
class LocationLoad:
    units: int = 0
    fulfilments: int = 0  # parcels: one per order the location ships for


@dataclass(frozen=True, slots=True)
class OrderMetrics:
    cost: float  # under the draft's cost model
    cost_as_routed: float  # under the cost model the order was routed with
    parcels: int
    km: float  # Σ great-circle km of the parcels; 0 without a destination
    measured_parcels: int  # parcels whose distance is known (the order has a destination)
    units: int
    unfilled_units: int
    offers: int
    low_reliability_offers: int
    load: Mapping[str, LocationLoad]


def measure(side: Side, inputs: SourcingInputs, *, draft_model: CostModel, low_reliability: float) -> OrderMetrics:
    """One side's KPIs for one order, from the inputs recorded when it was routed."""
    locations = {location.id: location for location in inputs.locations}
    load: dict[str, LocationLoad] = {}
    for allocation in side.allocations:
        before = load.get(allocation.location, LocationLoad(0, 1))
        load[allocation.location] = replace(before, units=before.units + allocation.quantity)
    destination = inputs.destination
    km = 0.0
    if destination is not None:
        km = sum(haversine_km(locations[code].latitude, locations[code].longitude, *destination) for code in load)
    return OrderMetrics(
        cost=price(side, inputs, draft_model).cost,
        cost_as_routed=price(side, inputs, inputs.model).cost,
        parcels=len(load),
        km=km,
        measured_parcels=len(load) if destination is not None else 0,
        units=sum(entry.units for entry in load.values()),
        unfilled_units=sum(shortfall.quantity for shortfall in side.unfilled),
        offers=len(side.offers),
        low_reliability_offers=sum(1 for code in side.offers if locations[code].reliability < low_reliability),
        load=load,
    )


def price(side: Side, inputs: SourcingInputs, model: CostModel) -> Terms:
    """The cost terms of `side`'s plan under `model`, computed as the engine computes a decision's."""
    if inputs.destination is None:
        model = replace(model, per_km=0.0)  # as live routing: no address, no distance term
    latitude, longitude = inputs.destination or (0.0, 0.0)
    network = Network({location.id: location for location in inputs.locations}, model)
    order = Order(ORDER_KEY, latitude, longitude, inputs.lines)
    problem = build_problem(order, network=network, inventory=Inventory(inputs.stock, {}))
    candidate = {entry.location.id: index for index, entry in enumerate(problem.candidates)}
    sku_index = {sku: index for index, sku in enumerate(problem.skus)}
    taken: dict[tuple[int, int], int] = {}
    shipped = [0] * len(problem.skus)
    for allocation in side.allocations:
        key = (candidate[allocation.location], sku_index[allocation.sku])
        taken[key] = taken.get(key, 0) + allocation.quantity
        shipped[key[1]] += allocation.quantity
    unfilled = [max(0, demand - units) for demand, units in zip(problem.demand, shipped, strict=True)]
    return plan_terms(problem, taken, unfilled)


@dataclass(slots=True)
class Kpis:
    """KPIs summed over orders; add one order's metrics at a time (replay streams the orders)."""

    orders: int = 0
    cost: float = 0.0
    cost_as_routed: float = 0.0
    parcels: int = 0
    split_orders: int = 0
    km: float = 0.0
    measured_parcels: int = 0
    units: int = 0
    unfilled_units: int = 0
    offers: int = 0
    low_reliability_offers: int = 0
    load: dict[str, LocationLoad] = field(default_factory=dict)

    def add(self, metrics: OrderMetrics) -> None:
        self.orders += 1
        self.cost += metrics.cost
        self.cost_as_routed += metrics.cost_as_routed
        self.parcels += metrics.parcels
        self.split_orders += 1 if metrics.parcels > 1 else 0
        self.km += metrics.km
        self.measured_parcels += metrics.measured_parcels
        self.units += metrics.units
        self.unfilled_units += metrics.unfilled_units
        self.offers += metrics.offers
        self.low_reliability_offers += metrics.low_reliability_offers
        for code, entry in metrics.load.items():
            total = self.load.get(code, LocationLoad())
            self.load[code] = LocationLoad(total.units + entry.units, total.fulfilments + entry.fulfilments)

    @property
    def parcels_per_order(self) -> float:
        return self.parcels / self.orders if self.orders else 0.0

    @property
    def split_rate(self) -> float:
        """The share of orders shipped in more than one parcel."""
        return self.split_orders / self.orders if self.orders else 0.0

    @property
    def mean_km(self) -> float:
        """Mean great-circle km per parcel, over parcels whose distance is known."""
        return self.km / self.measured_parcels if self.measured_parcels else 0.0
