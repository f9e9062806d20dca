"""One order's routing problem: its candidate locations with their cost terms, and the rejected ones."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from crossdock.domain.routing import costs
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.network import Location, Network, Order, km_to
from crossdock.domain.routing.prices import NO_PRICES, ShadowPrices
from crossdock.domain.routing.terms import Terms


class Rule:
    """Why a location cannot serve the order at all."""

    NO_STOCK = "no_stock"
    NO_PARCEL_CAPACITY = "no_parcel_capacity"


class Candidate(NamedTuple):
    """A location that could ship a parcel: its per-parcel cost, unit rate and stock of each SKU.

    A named tuple, not a frozen dataclass: hundreds are built per order and this is 5× faster.
    """

    location: Location
    km: float
    fixed: float
    parcel_price: float
    rate: float
    stock: tuple[int, ...]
    unit_prices: tuple[float, ...]
    held: int


@dataclass(frozen=True, slots=True)
class Rejection:
    location: str
    rule: str
    detail: str


@dataclass(frozen=True, slots=True)
class OrderProblem:
    """`rejected` lists the holders ruled out; `rejections()` adds every location that holds nothing."""

    order: Order
    model: CostModel
    skus: tuple[str, ...]
    demand: tuple[int, ...]
    candidates: tuple[Candidate, ...]
    rejected: tuple[Rejection, ...]
    locations: Mapping[str, Location]
    excluded: Mapping[str, str]
    priced: bool = False

    def rejections(self) -> tuple[Rejection, ...]:
        seen = {candidate.location.id for candidate in self.candidates} | {r.location for r in self.rejected}
        others = tuple(
            _excluded(location, self.excluded) or Rejection(location, Rule.NO_STOCK, "holds none of the order's SKUs")
            for location in self.locations
            if location not in seen
        )
        return self.rejected + others


def build_problem(
    order: Order,
    *,
    network: Network,
    inventory: Inventory,
    prices: ShadowPrices = NO_PRICES,
    excluded: Mapping[str, str] | None = None,
) -> OrderProblem:
    """Candidates among the network's locations; `excluded` maps a location to the profile rule that ruled it out.

    Only the locations holding one of the order's SKUs are looked at (a few, among thousands).
    """
    demand = order.demand()
    skus = tuple(demand)
    excluded = excluded or {}
    candidates: list[Candidate] = []
    rejected: list[Rejection] = []
    phi, lam = math.radians(order.latitude), math.radians(order.longitude)
    cos_phi, per_km = math.cos(phi), network.model.per_km
    zero = (0.0,) * len(skus)
    stock_by_location, held = _stock_by_location(skus, inventory)
    limited = excluded or inventory.has_parcel_limits()
    sites = network.sites
    for location_id, stock in stock_by_location.items():
        site = sites.get(location_id)
        if site is None:
            continue
        if limited:
            rejection = _excluded(location_id, excluded) or _without_capacity(location_id, inventory)
            if rejection is not None:
                rejected.append(rejection)
                continue
        km = km_to(site, phi, lam, cos_phi)
        candidates.append(
            Candidate(
                site.location, km, site.fixed + per_km * km, 0.0, site.rate, tuple(stock), zero, held[location_id]
            )
        )
    problem = OrderProblem(
        order,
        network.model,
        skus,
        tuple(demand.values()),
        tuple(candidates),
        tuple(rejected),
        network.locations,
        excluded,
    )
    return reprice(problem, prices) if prices else problem


def reprice(problem: OrderProblem, prices: ShadowPrices) -> OrderProblem:
    """The same problem under other opportunity costs (`problem` must have been built without any)."""
    if not prices:
        return problem
    candidates = tuple(
        candidate._replace(
            fixed=candidate.fixed + prices.parcel.get(candidate.location.id, 0.0),
            parcel_price=prices.parcel.get(candidate.location.id, 0.0),
            unit_prices=tuple(prices.unit.get((candidate.location.id, sku), 0.0) for sku in problem.skus),
        )
        for candidate in problem.candidates
    )
    return replace(problem, candidates=candidates, priced=True)


def _stock_by_location(skus: tuple[str, ...], inventory: Inventory) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Units of each of the order's SKUs for every location holding one of them, and which it holds (a mask)."""
    stock: dict[str, list[int]] = {}
    held: dict[str, int] = {}
    empty = [0] * len(skus)
    for sku_index, sku in enumerate(skus):
        bit = 1 << sku_index
        for location, quantity in inventory.holders(sku).items():
            row = stock.get(location)
            if row is None:
                row = stock[location] = empty.copy()
                row[sku_index] = quantity
                held[location] = bit
            else:
                row[sku_index] = quantity
                held[location] |= bit
    return stock, held


def _excluded(location: str, excluded: Mapping[str, str]) -> Rejection | None:
    rule = excluded.get(location)
    return None if rule is None else Rejection(location, rule, "excluded by the routing profile")


def _without_capacity(location: str, inventory: Inventory) -> Rejection | None:
    if inventory.parcels_left(location) == 0:
        return Rejection(location, Rule.NO_PARCEL_CAPACITY, "has shipped its maximum number of parcels")
    return None


def fixed_terms(model: CostModel, candidate: Candidate) -> Terms:
    """The per-parcel terms of a candidate, one by one."""
    location = candidate.location
    return Terms(
        parcels=costs.parcel_cost(model),
        distance=costs.distance_cost(model, candidate.km),
        unreliability=costs.unreliability_cost(model, location.reliability),
        load=costs.load_cost(model, location.load),
        opportunity=candidate.parcel_price,
    )


def tranches(model: CostModel, candidate: Candidate, sku_index: int, demand: int) -> tuple[tuple[float, int], ...]:
    """(unit cost, units) blocks in rising cost: ordinary units, then a store's last units (depletion)."""
    stock = candidate.stock[sku_index]
    unit = candidate.rate + candidate.unit_prices[sku_index]
    if not model.depletion_penalty:
        return ((unit, min(stock, demand)),) if stock else ()
    kind = candidate.location.kind
    ordinary = min(stock - costs.last_units_taken(model, kind=kind, stock=stock, units=stock), demand)
    last = min(stock - ordinary, demand - ordinary)
    blocks = ((unit, ordinary), (unit + model.depletion_penalty, last))
    return tuple(block for block in blocks if block[1] > 0)
