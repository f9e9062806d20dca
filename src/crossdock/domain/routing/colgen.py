"""Column generation: price every order with the exact one-order engine under the master's duals.

Pricing an order is the one-order search with the duals as opportunity costs, so it finds the
plan of least reduced cost exactly. A round also gives a Lagrangian lower bound on the best
total, valid against every possible plan: Σ weight × (priced optimum) − Σ duals × resources.
An order whose SKUs' prices did not change since it was last priced keeps its last result.

Partial pricing, still exact: prices are never negative, so an order's priced optimum is at least its
ideal (unpriced) cost. An order whose ideal cost already reaches its dual cannot yield a column, and is
not priced; the bound counts its ideal cost instead (a weaker but valid term). Orders are priced in
falling potential (dual − ideal cost), so a round cut short by the clock has priced the most promising
ones, and the orders it did not reach count with their ideal cost too: every round gives a valid bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.master import LinearSolution, Master
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.plan import Allocation, Decision, Method
from crossdock.domain.routing.prices import NO_PRICES, ShadowPrices
from crossdock.domain.routing.problem import OrderProblem, build_problem, reprice
from crossdock.domain.routing.route import solve, to_decision
from crossdock.domain.routing.search import SearchResult

REDUCED_COST_TOLERANCE = 1e-6
CLOCK_EVERY = 200


@dataclass(frozen=True, slots=True)
class Generation:
    linear: LinearSolution
    lower_bound: float
    rounds: int
    converged: bool


def lean(plan: Decision) -> Decision:
    """A plan without its problem (thousands are kept) and without the duals it was priced with."""
    return replace(plan, problem=None, terms=replace(plan.terms, opportunity=0.0))


class Pricer:
    """The orders of a master, each with its price-free problem built once against `inventory`."""

    def __init__(
        self,
        orders: Sequence[Order],
        *,
        network: Network,
        inventory: Inventory,
        excluded: Sequence[Mapping[str, str]] | None = None,
    ) -> None:
        rules = excluded or [{}] * len(orders)
        self.problems = [
            build_problem(order, network=network, inventory=inventory, excluded=rule)
            for order, rule in zip(orders, rules, strict=True)
        ]
        self.skus = [set(problem.skus) for problem in self.problems]
        self.known = [set[tuple[Allocation, ...]]() for _ in orders]
        self.best: list[tuple[OrderProblem, SearchResult, Method] | None] = [None] * len(orders)
        self.last = NO_PRICES
        # A lower bound on each order's priced optimum (its ideal cost, once known).
        self.floor = [float("-inf")] * len(orders)

    def ideal(self) -> list[Decision]:
        """Each order's best plan if it had all the stock to itself (zero prices)."""
        plans = []
        for order_index, problem in enumerate(self.problems):
            best = (problem, *solve(problem))
            self.best[order_index] = best
            self.floor[order_index] = best[1].objective
            plans.append(lean(to_decision(*best)))
        return plans

    def register(self, order_index: int, plan: Decision) -> bool:
        """Note a plan as a column of the master; False if it already is one."""
        if plan.allocations in self.known[order_index]:
            return False
        self.known[order_index].add(plan.allocations)
        return True

    def price(
        self, master: Master, linear: LinearSolution, out_of_time: Callable[[], bool]
    ) -> tuple[float, list[tuple[int, Decision]], bool]:
        """Σ weight × (priced optimum, or a lower bound on it) over all orders, the new plans of negative
        reduced cost, and whether every order that could yield one was priced (False: the clock stopped it)."""
        changed = _changed_skus(self.last, linear.prices)
        self.last = linear.prices
        duals = linear.order_duals
        potential = [duals[index] - floor for index, floor in enumerate(self.floor)]
        sequence = sorted(range(len(self.problems)), key=potential.__getitem__, reverse=True)
        value = 0.0
        plans: list[tuple[int, Decision]] = []
        complete = True
        for position, order_index in enumerate(sequence):
            weight = master.weights[order_index]
            if potential[order_index] <= REDUCED_COST_TOLERANCE or not complete:
                self.best[order_index] = None  # not priced under these prices: its cache is stale
                value += weight * self.floor[order_index]
                continue
            if position % CLOCK_EVERY == CLOCK_EVERY - 1 and out_of_time():
                complete = False
                self.best[order_index] = None
                value += weight * self.floor[order_index]
                continue
            best = self._priced(order_index, linear, changed)
            value += weight * best[1].objective
            if best[1].objective - duals[order_index] < -REDUCED_COST_TOLERANCE:
                plan = lean(to_decision(*best))
                if self.register(order_index, plan):
                    plans.append((order_index, plan))
        return value, plans, complete

    def _priced(
        self, order_index: int, linear: LinearSolution, changed: set[str] | None
    ) -> tuple[OrderProblem, SearchResult, Method]:
        best = self.best[order_index]
        if best is None or changed is None or not self.skus[order_index].isdisjoint(changed):
            priced = reprice(self.problems[order_index], linear.prices)
            best = self.best[order_index] = (priced, *solve(priced))
        return best


def generate_columns(
    master: Master,
    pricer: Pricer,
    *,
    rounds: int,
    tolerance: float,
    out_of_time: Callable[[], bool],
    bound: float = float("-inf"),
) -> Generation:
    """Add plans of negative reduced cost until none is left, the bound is close, or time or rounds run out."""
    converged, done = False, 0
    linear = master.solve_linear()
    while done < rounds and not converged and not out_of_time():
        done += 1
        value, plans, complete = pricer.price(master, linear, out_of_time)
        bound = max(bound, value - master.resource_value(linear.prices))
        if plans:
            master.add(plans)
            if not complete:
                break  # out of time: the MILP will use these plans, no need for new duals
            linear = master.solve_linear()
        close = linear.objective - bound <= tolerance * max(1.0, abs(linear.objective))
        converged = complete and (not plans or close)
    return Generation(linear, bound, done, converged)


def _changed_skus(before: ShadowPrices, after: ShadowPrices) -> set[str] | None:
    """SKUs whose unit price changed somewhere; None when a parcel price changed (it touches every order)."""
    if dict(before.parcel) != dict(after.parcel):
        return None
    keys = before.unit.keys() | after.unit.keys()
    return {key[1] for key in keys if abs(before.unit.get(key, 0.0) - after.unit.get(key, 0.0)) > 1e-12}
