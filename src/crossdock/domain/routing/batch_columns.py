"""Warm-start columns for the batch: each order's few next-best plans, found without any search.

Online routing hands the nearest stock to whoever comes first; the batch repairs that by moving an
order to its second- or third-best location so another order can have the first. Those plans are
cheap to list — the best split among one location, or one location and a partner — and seeding the
master with them gives it real alternatives (and sensible duals) before the first, costly pricing
round. Every plan is costed by the same functions as any other (`plan_for`, `plan_terms`): a column
is a true plan at its true cost, so seeding changes speed, never exactness.
"""

from __future__ import annotations

from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.breakdown import plan_for, plan_terms
from crossdock.domain.routing.colgen import lean
from crossdock.domain.routing.plan import Allocation, Decision, Method, Shortfall
from crossdock.domain.routing.problem import OrderProblem

SINGLES = 5
PARTNERS = 3


def neighbour_plans(problem: OrderProblem, *, singles: int = SINGLES, partners: int = PARTNERS) -> list[Decision]:
    """The best plans from one location (the `singles` cheapest), and for the best of those that
    leaves units unfilled, the plans adding one of the `partners` cheapest holders of what is missing."""
    scored = sorted(range(len(problem.candidates)), key=lambda index: _single_cost(problem, index))
    singled = [(index, plan_of(problem, (index,))) for index in scored[:singles]]
    plans = [plan for _, plan in singled]
    limit = problem.model.max_parcels_per_order
    if limit is not None and limit < 2:
        return plans
    short = next(((index, plan) for index, plan in singled if plan.unfilled), None)
    if short is None:
        return plans
    first, plan = short
    missing = [problem.skus.index(shortfall.sku) for shortfall in plan.unfilled]
    holders = [
        index for index in scored if index != first and any(problem.candidates[index].stock[sku] for sku in missing)
    ]
    return plans + [plan_of(problem, (first, partner)) for partner in holders[:partners]]


def plan_of(problem: OrderProblem, members: tuple[int, ...]) -> Decision:
    """The best split of the order among `members` (candidate indices), at its true cost."""
    taken, unfilled = plan_for(problem, members)
    return lean(_decision(problem, taken, unfilled))


def _decision(problem: OrderProblem, taken: dict[tuple[int, int], int], unfilled: list[int]) -> Decision:
    allocations = tuple(
        Allocation(problem.skus[sku_index], problem.candidates[candidate_index].location.id, units)
        for (candidate_index, sku_index), units in sorted(taken.items(), key=lambda item: (item[0][1], item[0][0]))
    )
    shortfalls = tuple(Shortfall(sku, units) for sku, units in zip(problem.skus, unfilled, strict=True) if units)
    terms = plan_terms(problem, taken, unfilled)
    return Decision(problem.order.id, allocations, shortfalls, terms, Method.SEARCH, 0)


def _single_cost(problem: OrderProblem, index: int) -> float:
    candidate = problem.candidates[index]
    rate = problem.model.unfilled_per_unit
    cost = candidate.fixed
    for stock, demand in zip(candidate.stock, problem.demand, strict=True):
        shipped = min(stock, demand)
        cost += shipped * min(candidate.rate, rate) + (demand - shipped) * rate
    return cost


def plan_with(problem: OrderProblem, allocations: tuple[Allocation, ...]) -> Decision:
    """A given plan (an order's current one) costed by the same functions as the engine's own plans.

    Raises InvalidInput if it ships from a location that is not a candidate of `problem` or takes more
    than `problem` holds there."""
    index = {candidate.location.id: position for position, candidate in enumerate(problem.candidates)}
    taken: dict[tuple[int, int], int] = {}
    shipped = [0] * len(problem.skus)
    for allocation in allocations:
        candidate, sku = index.get(allocation.location), problem.skus.index(allocation.sku)
        if candidate is None or problem.candidates[candidate].stock[sku] < allocation.quantity:
            raise InvalidInput(f"{allocation.location} cannot ship {allocation.quantity} × {allocation.sku}")
        taken[(candidate, sku)] = taken.get((candidate, sku), 0) + allocation.quantity
        shipped[sku] += allocation.quantity
    unfilled = [demand - units for demand, units in zip(problem.demand, shipped, strict=True)]
    return _decision(problem, taken, unfilled)
