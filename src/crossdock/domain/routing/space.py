"""The search space of one order: the candidates worth searching, sorted by fixed cost, with their unit blocks.

Given the set of locations used, the best split of each SKU is a greedy fill by unit cost: unit
costs are linear per block and the blocks of one location rise (a store's last units come
last), so filling the cheapest blocks first is exact.

A candidate is left out when it can never be part of a plan cheaper than one already known:
its fixed cost plus the cheapest conceivable unit cost of the order reaches that plan's cost, or
its fixed cost exceeds everything its units could ever save, or it is dominated (see `dominance`),
or it can only be used alone (with any other parcel it reaches that plan's cost) and alone it does not
beat that plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crossdock.domain.routing.dominance import Dominance
from crossdock.domain.routing.problem import Candidate, OrderProblem, tranches
from crossdock.domain.routing.space_types import Block, Offer

INFINITY = float("inf")


@dataclass(frozen=True, slots=True)
class SearchSpace:
    demand: tuple[int, ...]
    unfilled_rate: float
    split: float
    max_parcels: int
    candidate_of: tuple[int, ...]
    fixed: tuple[float, ...]
    offers: tuple[Offer, ...]
    holders: tuple[int, ...]
    skus_of: tuple[int, ...]
    incumbent: tuple[int, ...]
    best_alone: float  # the cost of `incumbent`: the best plan of at most one location
    whole: tuple[tuple[int, float], ...]  # per location: the SKUs it ships in full (a mask), their unit cost


def build_space(problem: OrderProblem) -> SearchSpace:
    """Index kept locations by rising fixed cost (+ split penalty), so a bit mask lists them cheapest first.

    Past the point where a second parcel alone would reach the best plan so far, a location can only
    matter on its own: it is kept only if it beats that plan alone.
    """
    candidates = problem.candidates
    rate = problem.model.unfilled_per_unit
    ranked = sorted(range(len(candidates)), key=[c.fixed for c in candidates].__getitem__)
    unit_floor = _unit_floor(problem)
    pair_floor = _pair_floor(problem, ranked) + unit_floor
    upper = sum(problem.demand) * rate
    incumbent: tuple[int, ...] = ()
    kept: list[int] = []
    offers: list[Offer] = []
    whole: list[tuple[int, float]] = []
    dominance = Dominance(problem.demand, priced=problem.priced)
    for position, candidate_index in enumerate(ranked):
        candidate = candidates[candidate_index]
        fixed = candidate.fixed
        if fixed + unit_floor >= upper:
            break
        if dominance.beaten(candidate):
            continue
        alone_only = position > 0 and fixed + pair_floor >= upper
        if alone_only and fixed + _alone_floor(problem, candidate) >= upper:
            continue
        offer = _offer(problem, candidate_index, len(kept))
        if fixed >= _best_saving(offer, rate):
            continue
        units, covers, covered_cost = _alone(problem, offer)
        single = fixed + units
        if alone_only and single >= upper:
            continue
        dominance.keep(candidate, offer)
        if single < upper:
            upper, incumbent = single, (len(kept),)
        kept.append(candidate_index)
        offers.append(offer)
        whole.append((covers, covered_cost))
    return _space(problem, kept, offers, whole, incumbent=incumbent, best_alone=upper)


def _pair_floor(problem: OrderProblem, ranked: list[int]) -> float:
    """What another location adds at least to a plan of a location other than the cheapest: the cheapest
    parcel and the split penalty."""
    if not ranked or problem.model.max_parcels_per_order == 1:
        return INFINITY
    return problem.candidates[ranked[0]].fixed + problem.model.split_penalty


def _alone_floor(problem: OrderProblem, candidate: Candidate) -> float:
    """No less than the unit cost of shipping from this location alone: its units at its rate, the rest unfilled."""
    rate = problem.model.unfilled_per_unit
    unit = min(candidate.rate, rate)
    total = 0.0
    for demand, stock in zip(problem.demand, candidate.stock, strict=True):
        shipped = stock if stock < demand else demand
        total += shipped * unit + (demand - shipped) * rate
    return total


def _space(
    problem: OrderProblem,
    kept: list[int],
    offers: list[Offer],
    whole: list[tuple[int, float]],
    *,
    incumbent: tuple[int, ...],
    best_alone: float,
) -> SearchSpace:
    model = problem.model
    holders = [0] * len(problem.demand)
    skus_of = []
    for index, offer in enumerate(offers):
        mask = 0
        for sku_index, _ in offer:
            holders[sku_index] |= 1 << index
            mask |= 1 << sku_index
        skus_of.append(mask)
    return SearchSpace(
        demand=problem.demand,
        unfilled_rate=model.unfilled_per_unit,
        split=model.split_penalty,
        max_parcels=model.max_parcels_per_order or max(1, len(kept)),
        candidate_of=tuple(kept),
        fixed=tuple(problem.candidates[c].fixed + model.split_penalty for c in kept),
        offers=tuple(offers),
        holders=tuple(holders),
        skus_of=tuple(skus_of),
        incumbent=incumbent,
        best_alone=best_alone,
        whole=tuple(whole),
    )


def _unit_floor(problem: OrderProblem) -> float:
    """No plan pays less for its units than every unit at the cheapest rate anywhere (or unfilled)."""
    rate = problem.model.unfilled_per_unit
    cheapest_rate = min((c.rate for c in problem.candidates), default=rate)
    # Opportunity prices are never negative, so the cheapest rate alone is a floor.
    return sum(problem.demand) * min(cheapest_rate, rate)


def _offer(problem: OrderProblem, candidate_index: int, index: int) -> Offer:
    candidate = problem.candidates[candidate_index]
    rate = problem.model.unfilled_per_unit
    offer = []
    for sku_index, demand in enumerate(problem.demand):
        if not candidate.stock[sku_index]:
            continue
        # A unit costing at least the unfilled penalty is never worth shipping.
        blocks = tuple(
            (cost, index, units) for cost, units in tranches(problem.model, candidate, sku_index, demand) if cost < rate
        )
        if blocks:
            offer.append((sku_index, blocks))
    return tuple(offer)


def _best_saving(offer: Offer, unfilled_rate: float) -> float:
    """The most a location can save an order: every unit it offers replacing an unfilled one."""
    return sum((unfilled_rate - cost) * units for _, blocks in offer for cost, _, units in blocks)


def _alone(problem: OrderProblem, offer: Offer) -> tuple[float, int, float]:
    """Unit cost of shipping all the order can take from this one location (the rest unfilled); the SKUs
    it ships in full (a mask) and what their units cost."""
    rate = problem.model.unfilled_per_unit
    total = sum(problem.demand) * rate
    covers, covered_cost = 0, 0.0
    for sku_index, blocks in offer:
        demand = problem.demand[sku_index]
        units, short = fill(demand, rate, blocks)
        total += units - demand * rate
        if not short:
            covers |= 1 << sku_index
            covered_cost += units
    return total, covers, covered_cost


def fill(demand: int, unfilled_rate: float, pool: Iterable[Block]) -> tuple[float, int]:
    """Cost of serving `demand` from blocks sorted by cost, the rest unfilled; and the units left unfilled."""
    left = demand
    total = 0.0
    for cost, _, units in pool:
        if not left:
            break
        take = units if units < left else left
        total += cost * take
        left -= take
    return total + left * unfilled_rate, left


def pools(space: SearchSpace, members: Iterable[int]) -> list[list[Block]]:
    """The sorted blocks of each SKU offered by `members`."""
    pooled: list[list[Block]] = [[] for _ in space.demand]
    for member in members:
        for sku_index, blocks in space.offers[member]:
            pooled[sku_index].extend(blocks)
    for pool in pooled:
        pool.sort()
    return pooled


def evaluate(space: SearchSpace, members: tuple[int, ...]) -> float:
    """The priced objective of shipping from exactly `members` (each pays its parcel)."""
    fixed = sum(space.fixed[m] for m in members) - (space.split if members else 0.0)
    pooled = pools(space, members)
    return fixed + sum(fill(d, space.unfilled_rate, pool)[0] for d, pool in zip(space.demand, pooled, strict=True))


def lowest(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def bits(mask: int) -> list[int]:
    """Set bits from the lowest (cheapest fixed cost) up."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found
