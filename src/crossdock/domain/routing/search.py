"""Exact branch and bound over the set of locations that ship an order.

A node is (S, A): the locations chosen so far and those that may still join. Its subsets are
split in two ways, both complete and disjoint:
  * some SKU is short under S: either one of A's holders of that SKU joins (one child per
    holder, each excluding the holders before it), or none does (the SKU is then "closed");
  * nothing is short: plain subset enumeration of A in rising fixed cost.
Lower bound for a strict superset S ∪ B: S's fixed costs, each SKU's best conceivable fill
(its fill under S once closed), and for B the larger of its cheapest parcel and a set-cover
bound: each SKU S leaves short costs its extra unfilled cost unless B covers it, and a
location's parcel is shared among the short SKUs it covers. Children come in rising fixed
cost, so the first child over the bound ends the loop.
Before any node: if the best plan of at most one location is the start and every plan of two or
more pays at least the two cheapest parcels and each SKU's best conceivable fill, the start is
optimal and nothing is searched.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.domain.routing.heuristic import better_start
from crossdock.domain.routing.space import SearchSpace, bits, fill, lowest, pools
from crossdock.domain.routing.space_types import Block

EPSILON = 1e-9
INFINITY = float("inf")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """`members` are candidate indices of the order problem; `proved` is False when the budget ran out."""

    members: tuple[int, ...]
    objective: float
    nodes: int
    proved: bool


class _BudgetSpent(Exception):
    pass


def search(space: SearchSpace, *, budget: int) -> SearchResult:
    """The optimal set of locations, visiting at most `budget` nodes."""
    run = _Search(space, budget)
    proved = True
    if not run.start_is_optimal():
        root_g = [demand * space.unfilled_rate for demand in space.demand]
        try:
            run.visit((), 0.0, [[] for _ in space.demand], root_g, list(space.demand), (1 << len(space.fixed)) - 1, 0)
        except _BudgetSpent:
            proved = False
    members = tuple(sorted(space.candidate_of[member] for member in run.best))
    return SearchResult(members, run.best_cost, run.nodes, proved)


class _Search:
    def __init__(self, space: SearchSpace, budget: int) -> None:
        self.space = space
        self.budget = budget
        self.nodes = 0
        self.best, self.best_cost = better_start(space)
        everyone = pools(space, range(len(space.fixed)))
        self.floor = [fill(d, space.unfilled_rate, pool)[0] for d, pool in zip(space.demand, everyone, strict=True)]

    def start_is_optimal(self) -> bool:
        """Whether no plan beats the start: the best plan of at most one location is known, and every
        plan of two or more pays at least the two cheapest parcels and each SKU's best conceivable fill."""
        space = self.space
        several = INFINITY
        if space.max_parcels >= 2 and len(space.fixed) >= 2:
            several = space.fixed[0] + space.fixed[1] - space.split + sum(self.floor)
        return min(space.best_alone, several) >= self.best_cost - EPSILON

    def visit(
        self,
        chosen: tuple[int, ...],
        fixed: float,
        pooled: list[list[Block]],
        g: list[float],
        short: list[int],
        allowed: int,
        closed: int,
    ) -> None:
        self.nodes += 1
        if self.nodes > self.budget:
            raise _BudgetSpent
        space = self.space
        cost = fixed - (space.split if chosen else 0.0) + sum(g)
        if cost < self.best_cost - EPSILON:
            self.best, self.best_cost = chosen, cost
        if len(chosen) >= space.max_parcels or not allowed:
            return
        closed |= self._without_holders(allowed)
        base = fixed - space.split + sum(g[j] if closed >> j & 1 else self.floor[j] for j in range(len(g)))
        cheapest = space.fixed[lowest(allowed)]
        if base + cheapest >= self.best_cost - EPSILON:
            return
        share = self._shares(g, allowed, closed)
        if base + max(cheapest, sum(value for _, value in share)) >= self.best_cost - EPSILON:
            return
        branch = self._branching_sku(short, allowed, closed)
        holders = allowed if branch is None else allowed & space.holders[branch]
        taken = 0
        for index in bits(holders):
            if base + space.fixed[index] >= self.best_cost - EPSILON:
                break
            taken |= 1 << index
            covers = space.skus_of[index]
            uncovered = sum(value for bit, value in share if not covers & bit)
            if base + space.fixed[index] + uncovered >= self.best_cost - EPSILON:
                continue
            later = allowed & ~taken if branch is not None else allowed & ~((2 << index) - 1)
            self._child(chosen, fixed, pooled, g, short, index, later, closed)
        if branch is not None:
            self.visit(chosen, fixed, pooled, g, short, allowed & ~holders, closed | 1 << branch)

    def _shares(self, g: list[float], allowed: int, closed: int) -> list[tuple[int, float]]:
        """For each SKU S leaves worse than its floor (as its bit): the least B pays for it (set-cover bound).

        Either B does not cover the SKU and it keeps its extra cost, or some location of B covers
        it, and a location's parcel is shared among the short SKUs it covers. Locations come in
        rising fixed cost, so once a parcel shared by every short SKU costs more than any SKU's
        share so far, no later location lowers one.
        """
        space, floor = self.space, self.floor
        extras = [(1 << j, value - floor[j]) for j, value in enumerate(g) if not closed >> j & 1]
        best = {bit: extra for bit, extra in extras if extra > EPSILON}
        if not best:
            return []
        relevant, coverers = 0, 0
        for bit in best:
            relevant |= bit
            coverers |= space.holders[bit.bit_length() - 1]
        coverers &= allowed
        count, highest = len(best), max(best.values())
        while coverers:
            low = coverers & -coverers
            coverers ^= low
            index = low.bit_length() - 1
            fixed = space.fixed[index]
            if fixed / count >= highest:
                break
            covered = space.skus_of[index] & relevant
            ratio = fixed / covered.bit_count()
            if ratio < highest:
                highest = _lower(best, covered, ratio)
        return list(best.items())

    def _without_holders(self, allowed: int) -> int:
        """SKUs no location in `allowed` offers: their fill can no longer change."""
        mask = 0
        for sku_index, holders in enumerate(self.space.holders):
            if not allowed & holders:
                mask |= 1 << sku_index
        return mask

    def _branching_sku(self, short: list[int], allowed: int, closed: int) -> int | None:
        """The short, open SKU with the fewest holders left: the smallest branching."""
        best, best_count = None, 0
        for sku_index, units in enumerate(short):
            if not units or closed >> sku_index & 1:
                continue
            count = (allowed & self.space.holders[sku_index]).bit_count()
            if best is None or count < best_count:
                best, best_count = sku_index, count
        return best

    def _child(
        self,
        chosen: tuple[int, ...],
        fixed: float,
        pooled: list[list[Block]],
        g: list[float],
        short: list[int],
        index: int,
        allowed: int,
        closed: int,
    ) -> None:
        space = self.space
        pooled, g, short = list(pooled), list(g), list(short)
        for sku_index, blocks in space.offers[index]:
            pool = sorted(pooled[sku_index] + list(blocks))
            pooled[sku_index] = pool
            g[sku_index], short[sku_index] = fill(space.demand[sku_index], space.unfilled_rate, pool)
        self.visit((*chosen, index), fixed + space.fixed[index], pooled, g, short, allowed, closed)


def _lower(best: dict[int, float], covered: int, ratio: float) -> float:
    """Lower the share of every SKU in `covered` to `ratio`; the highest share afterwards."""
    for bit in best:
        if covered & bit and ratio < best[bit]:
            best[bit] = ratio
    return max(best.values())
