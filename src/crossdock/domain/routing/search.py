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
"""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.domain.routing.heuristic import better_start
from crossdock.domain.routing.space import SearchSpace, bits, evaluate, fill, lowest, pools
from crossdock.domain.routing.space_types import Block

EPSILON = 1e-9


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
    root_g = [demand * space.unfilled_rate for demand in space.demand]
    proved = True
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
        self.best = better_start(space)
        self.best_cost = evaluate(space, self.best)
        everyone = pools(space, range(len(space.fixed)))
        self.floor = [fill(d, space.unfilled_rate, pool)[0] for d, pool in zip(space.demand, everyone, strict=True)]

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
        if base + max(cheapest, sum(share.values())) >= self.best_cost - EPSILON:
            return
        branch = self._branching_sku(short, allowed, closed)
        holders = allowed if branch is None else allowed & space.holders[branch]
        taken = 0
        for index in bits(holders):
            if base + space.fixed[index] >= self.best_cost - EPSILON:
                break
            taken |= 1 << index
            uncovered = sum(value for j, value in share.items() if not space.skus_of[index] >> j & 1)
            if base + space.fixed[index] + uncovered >= self.best_cost - EPSILON:
                continue
            later = allowed & ~taken if branch is not None else allowed & ~((2 << index) - 1)
            self._child(chosen, fixed, pooled, g, short, index, later, closed)
        if branch is not None:
            self.visit(chosen, fixed, pooled, g, short, allowed & ~holders, closed | 1 << branch)

    def _shares(self, g: list[float], allowed: int, closed: int) -> dict[int, float]:
        """For each SKU S leaves worse than its floor: the least B pays for it (set-cover bound).

        Either B does not cover the SKU and it keeps its extra cost, or some location of B covers
        it, and a location's parcel is shared among the short SKUs it covers.
        """
        space = self.space
        extras = [(j, value - self.floor[j]) for j, value in enumerate(g) if not closed >> j & 1]
        extras = [(j, extra) for j, extra in extras if extra > EPSILON]
        relevant = sum(1 << j for j, _ in extras)
        masks = [allowed & space.holders[j] for j, _ in extras]
        before, after = _prefix_unions(masks), _prefix_unions(masks[::-1])[::-1]
        share: dict[int, float] = {}
        for position, (j, extra) in enumerate(extras):
            others = before[position] | after[position + 1]
            alone = masks[position] & ~others
            best = min(extra, space.fixed[lowest(alone)]) if alone else extra
            shared = masks[position] & others
            while shared:
                low = shared & -shared
                index = low.bit_length() - 1
                if space.fixed[index] / len(extras) >= best:
                    break
                best = min(best, space.fixed[index] / (space.skus_of[index] & relevant).bit_count())
                shared ^= low
            share[j] = best
        return share

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


def _prefix_unions(masks: list[int]) -> list[int]:
    """unions[i] = masks[0] | … | masks[i − 1]."""
    unions = [0]
    for mask in masks:
        unions.append(unions[-1] | mask)
    return unions
