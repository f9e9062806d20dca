"""What a plan that opens one more location would cost: the chosen set plus it, or with it swapped in.

Each base (the chosen set, and the chosen set minus each member) keeps its SKU pools and fills,
so pricing a what-if only refills the SKUs the added location offers.
"""

from __future__ import annotations

from crossdock.domain.routing.breakdown import split_pools
from crossdock.domain.routing.problem import OrderProblem, tranches

Block = tuple[float, int, int]


class WhatIf:
    def __init__(self, problem: OrderProblem, chosen: tuple[int, ...]) -> None:
        self.problem = problem
        self.rate = problem.model.unfilled_per_unit
        self.split = problem.model.split_penalty
        self._blocks: dict[int, list[list[Block]]] = {}
        limit = problem.model.max_parcels_per_order
        self.adds = limit is None or len(chosen) < limit
        bases = [chosen] if self.adds else []
        bases += [tuple(member for member in chosen if member != out) for out in chosen]
        self.bases = [(base, *self._pools(base)) for base in bases]

    def cheapest_with(self, index: int) -> tuple[tuple[int, ...], bool]:
        """The members of the cheapest (priced) what-if plan that opens `index`, and whether that plan
        is just the chosen one plus an idle parcel (its units change nothing)."""
        candidate = self.problem.candidates[index]
        offered = [(j, blocks) for j, blocks in enumerate(self.blocks(index)) if blocks]
        best: tuple[int, ...] = (index,)
        best_value, idle = float("inf"), False
        for position, (base, pools, fills, fixed) in enumerate(self.bases):
            value, saved = fixed + candidate.fixed + self.split * len(base) + sum(fills), 0.0
            for sku_index, blocks in offered:
                pool = sorted(pools[sku_index] + blocks)
                saved += fills[sku_index] - self._fill(sku_index, pool)
            if value - saved < best_value:
                best, best_value = tuple(sorted((*base, index))), value - saved
                idle = position == 0 and self.adds and saved <= 0.0
        return best, idle

    def plan(self, members: tuple[int, ...]) -> tuple[dict[tuple[int, int], int], list[int]]:
        """Units per (candidate, SKU) and unfilled per SKU of the best split among `members`."""
        pools: list[list[Block]] = [[] for _ in self.problem.demand]
        for member in members:
            for sku_index, blocks in enumerate(self.blocks(member)):
                pools[sku_index] += blocks
        return split_pools(self.problem, [sorted(pool) for pool in pools])

    def blocks(self, index: int) -> list[list[Block]]:
        found = self._blocks.get(index)
        if found is None:
            problem, candidate = self.problem, self.problem.candidates[index]
            found = self._blocks[index] = [
                [
                    (cost, index, units)
                    for cost, units in tranches(problem.model, candidate, j, demand)
                    if cost < self.rate
                ]
                for j, demand in enumerate(problem.demand)
            ]
        return found

    def _pools(self, base: tuple[int, ...]) -> tuple[list[list[Block]], list[float], float]:
        pools: list[list[Block]] = [[] for _ in self.problem.demand]
        for member in base:
            for sku_index, blocks in enumerate(self.blocks(member)):
                pools[sku_index] += blocks
        for pool in pools:
            pool.sort()
        fills = [self._fill(sku_index, pool) for sku_index, pool in enumerate(pools)]
        fixed = sum(self.problem.candidates[member].fixed for member in base)
        return pools, fills, fixed

    def _fill(self, sku_index: int, pool: list[Block]) -> float:
        left, total = self.problem.demand[sku_index], 0.0
        for cost, _, units in pool:
            take = min(units, left)
            total += cost * take
            left -= take
            if not left:
                break
        return total + left * self.rate
