"""Dominance among one order's candidates.

Location d dominates c when d comes first in rising fixed cost and, for every SKU c holds, d can
ship the SKU's whole demand in one ordinary block at a unit cost no higher than c's cheapest.
Any plan using c is then no cheaper than the same plan with d instead (or with c's units moved
to d), so c is never needed.

Without opportunity prices a location's unit cost is one rate, so it is enough to know, for every
set of SKUs (a bit mask), the lowest rate of a kept location shipping all of them whole: a table
of 2^skus entries updated as locations are kept. With prices, each kept location is checked.
"""

from __future__ import annotations

from crossdock.domain.routing.problem import Candidate
from crossdock.domain.routing.space_types import Offer

INFINITY = float("inf")
MAX_TABLE_SKUS = 12  # 4,096 entries; larger orders check each kept location instead


class Dominance:
    def __init__(self, demand: tuple[int, ...], *, priced: bool) -> None:
        self.demand = demand
        self.priced = priced or len(demand) > MAX_TABLE_SKUS
        self.lowest_rate = [INFINITY] * (1 << len(demand)) if not self.priced else []
        self.costs: list[tuple[int, dict[int, float]]] = []

    def beaten(self, candidate: Candidate) -> bool:
        """Whether a kept location dominates `candidate`."""
        held = candidate.held
        if not self.priced:
            return self.lowest_rate[held] <= candidate.rate
        own = [(j, candidate.rate + price) for j, price in enumerate(candidate.unit_prices) if held >> j & 1]
        return any(whole & held == held and all(costs[j] <= cost for j, cost in own) for whole, costs in self.costs)

    def keep(self, candidate: Candidate, offer: Offer) -> None:
        """Record a kept location by the SKUs it ships whole in one ordinary block (no last units in it)."""
        whole, costs = 0, {}
        for sku_index, blocks in offer:
            ordinary = candidate.rate + candidate.unit_prices[sku_index]
            if len(blocks) == 1 and blocks[0][2] == self.demand[sku_index] and blocks[0][0] == ordinary:
                whole |= 1 << sku_index
                costs[sku_index] = blocks[0][0]
        if not whole:
            return
        if self.priced:
            self.costs.append((whole, costs))
            return
        subset = whole
        while subset:  # every non-empty subset of `whole`
            if candidate.rate < self.lowest_rate[subset]:
                self.lowest_rate[subset] = candidate.rate
            subset = (subset - 1) & whole
