"""The cost terms of a plan for one order, computed term by term from the cost model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from crossdock.domain.routing import costs
from crossdock.domain.routing.problem import OrderProblem, fixed_terms, tranches
from crossdock.domain.routing.terms import Terms


def plan_terms(
    problem: OrderProblem,
    taken: Mapping[tuple[int, int], int],
    unfilled: Sequence[int],
    members: Iterable[int] = (),
) -> Terms:
    """`taken[(candidate index, SKU index)]` units shipped; every candidate that ships pays one parcel,
    and so does every one of `members` (a location opened for a what-if, even if it ships nothing)."""
    model = problem.model
    used = {candidate for candidate, _ in taken} | set(members)
    parcels = distance = unreliability = load = opportunity = 0.0
    for candidate_index in used:
        fixed = fixed_terms(model, problem.candidates[candidate_index])
        parcels += fixed.parcels
        distance += fixed.distance
        unreliability += fixed.unreliability
        load += fixed.load
        opportunity += fixed.opportunity
    handling = depletion = 0.0
    for (candidate_index, sku_index), units in taken.items():
        candidate = problem.candidates[candidate_index]
        kind, stock = candidate.location.kind, candidate.stock[sku_index]
        handling += candidate.rate * units
        depletion += costs.depletion_cost(model, kind=kind, stock=stock, units=units)
        opportunity += candidate.unit_prices[sku_index] * units
    return Terms(
        parcels=parcels,
        distance=distance,
        split=costs.split_cost(model, len(used)),
        unreliability=unreliability,
        load=load,
        handling=handling,
        depletion=depletion,
        unfilled=costs.unfilled_cost(model, sum(unfilled)),
        opportunity=opportunity,
    )


def plan_for(problem: OrderProblem, members: tuple[int, ...]) -> tuple[dict[tuple[int, int], int], list[int]]:
    """The best split of every SKU among `members` (candidate indices): cheapest unit blocks first."""
    rate = problem.model.unfilled_per_unit
    pools = [
        sorted(
            (cost, member, units)
            for member in members
            for cost, units in tranches(problem.model, problem.candidates[member], sku_index, demand)
            if cost < rate
        )
        for sku_index, demand in enumerate(problem.demand)
    ]
    return split_pools(problem, pools)


def split_pools(
    problem: OrderProblem, pools: Sequence[Sequence[tuple[float, int, int]]]
) -> tuple[dict[tuple[int, int], int], list[int]]:
    """Fill each SKU from its sorted (cost, candidate, units) blocks, cheapest first."""
    taken: dict[tuple[int, int], int] = {}
    unfilled: list[int] = []
    for sku_index, (demand, blocks) in enumerate(zip(problem.demand, pools, strict=True)):
        left = demand
        for _, member, units in blocks:
            take = min(units, left)
            if take:
                taken[(member, sku_index)] = taken.get((member, sku_index), 0) + take
                left -= take
        unfilled.append(left)
    return taken, unfilled
