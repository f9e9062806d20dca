"""Route one order exactly: the same code path for live routing, route-eval and batch pricing."""

from __future__ import annotations

from collections.abc import Mapping

from crossdock.domain.routing import costs
from crossdock.domain.routing.breakdown import plan_for, plan_terms
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.order_milp import solve_order_milp
from crossdock.domain.routing.plan import Allocation, Decision, Method, Shortfall
from crossdock.domain.routing.prices import NO_PRICES, ShadowPrices
from crossdock.domain.routing.problem import OrderProblem, build_problem
from crossdock.domain.routing.search import SearchResult, search
from crossdock.domain.routing.space import build_space
from crossdock.domain.routing.terms import Terms

# Nodes the branch and bound may visit before HiGHS takes over; typical orders need a few dozen.
DEFAULT_BUDGET = 20_000


def route_order(
    order: Order,
    *,
    network: Network,
    inventory: Inventory,
    prices: ShadowPrices = NO_PRICES,
    excluded: Mapping[str, str] | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Decision:
    """The allocation of least cost (plus `prices`, when given) for `order` from what `inventory` holds.

    Pure: reads `inventory`, changes nothing (call `inventory.take(decision.allocations)` to commit).
    Raises InvalidInput (from the value types) only; an order nobody can serve is returned unfilled.
    """
    problem = build_problem(order, network=network, inventory=inventory, prices=prices, excluded=excluded)
    return decide(problem, budget=budget)


def decide(problem: OrderProblem, *, budget: int = DEFAULT_BUDGET) -> Decision:
    return to_decision(problem, *solve(problem, budget=budget))


def solve(problem: OrderProblem, *, budget: int = DEFAULT_BUDGET) -> tuple[SearchResult, Method]:
    """The optimal set of locations: by the search, or by HiGHS when the search spends its budget."""
    space = build_space(problem)
    result = search(space, budget=budget)
    if not result.proved:
        return solve_order_milp(space), Method.MILP
    return result, Method.SEARCH


def to_decision(problem: OrderProblem, result: SearchResult, method: Method) -> Decision:
    taken, unfilled = plan_for(problem, result.members)
    allocations = tuple(
        Allocation(problem.skus[sku_index], problem.candidates[candidate_index].location.id, units)
        for (candidate_index, sku_index), units in sorted(taken.items(), key=lambda item: (item[0][1], item[0][0]))
    )
    shortfalls = tuple(Shortfall(sku, units) for sku, units in zip(problem.skus, unfilled, strict=True) if units)
    terms = plan_terms(problem, taken, unfilled)
    return Decision(problem.order.id, allocations, shortfalls, terms, method, result.nodes, problem)


def unfilled_plan(order: Order, model: CostModel) -> Decision:
    """The plan that ships nothing: always feasible."""
    shortfalls = tuple(Shortfall(sku, units) for sku, units in order.demand().items())
    terms = Terms(unfilled=costs.unfilled_cost(model, sum(s.quantity for s in shortfalls)))
    return Decision(order.id, (), shortfalls, terms, Method.SEARCH, 0)
