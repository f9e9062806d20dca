"""Batch routing: all orders decided together, as one plan-selection MILP solved with HiGHS.

1. every order's ideal plan (all stock to itself): a first set of columns and a first lower bound;
2. the online pass (the same code as `online` mode) for a feasible start: never worse than online —
   or the caller's own feasible start (batch re-routing starts from the orders' current plans);
3. each order's next-best plans from one or two locations (`batch_columns`), without any search;
4. column generation adds the plans that can lower the LP, raising the proved lower bound;
5. HiGHS picks one plan per order (MILP warm-started with the start plans, time-limited).
The reported gap is against the lower bound, which holds for every possible plan, not only the
generated ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from crossdock.domain.routing.batch_columns import neighbour_plans
from crossdock.domain.routing.colgen import Pricer, generate_columns, lean
from crossdock.domain.routing.highs import Limits
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.master import Master
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.sequential import OnlineRouter, route_all


@dataclass(frozen=True, slots=True)
class BatchSettings:
    time_limit: float = 60.0
    mip_rel_gap: float = 1e-3
    rounds: int = 40
    # Column generation stops once the LP is within this of the lower bound.
    tolerance: float = 5e-4
    # Time kept for the MILP at the end: this share of the limit, at least `mip_minimum` seconds.
    mip_share: float = 0.25
    mip_minimum: float = 5.0
    # Seed the master with each order's next-best one- and two-location plans (off: at 10,000 orders the
    # larger master cost more time than it saved, see benchmarks/routing/README.md).
    warm_columns: bool = False


@dataclass(frozen=True, slots=True)
class BatchResult:
    decisions: list[Decision]
    cost: float
    lower_bound: float
    online_cost: float
    rounds: int
    columns: int
    converged: bool
    mip_status: str

    @property
    def gap(self) -> float:
        """Proved relative optimality gap: (cost − lower bound) / cost."""
        return max(0.0, self.cost - self.lower_bound) / self.cost if self.cost else 0.0


def solve_batch(
    orders: Sequence[Order],
    *,
    network: Network,
    inventory: Inventory,
    settings: BatchSettings = BatchSettings(),
    clock: Callable[[], float],
    start: Sequence[Decision] | None = None,
    excluded: Sequence[Mapping[str, str]] | None = None,
) -> BatchResult:
    """Route all `orders` together from `inventory` (left unchanged). `clock()` gives seconds, for the limits.

    `start`: a plan per order that is jointly feasible within `inventory` (the orders' current plans);
    without it the online pass makes one. The result is never costlier than the start.
    `excluded`: per order, the locations its profile rules out (location → rule)."""
    started = clock()
    if not orders:
        return BatchResult([], 0.0, 0.0, 0.0, rounds=0, columns=0, converged=True, mip_status="no orders")
    reserve = max(settings.mip_minimum, settings.mip_share * settings.time_limit)
    pricer = Pricer(orders, network=network, inventory=inventory, excluded=excluded)
    ideal = pricer.ideal()
    online = [lean(plan) for plan in start] if start is not None else _online(orders, network, inventory)
    master = Master([1.0] * len(orders), dict(inventory.items()), inventory.parcel_limits())
    columns = [(index, plan) for index, plan in enumerate(online)] + list(enumerate(ideal))
    if settings.warm_columns:
        columns += [(index, plan) for index, problem in enumerate(pricer.problems) for plan in neighbour_plans(problem)]
    master.add([(index, plan) for index, plan in columns if pricer.register(index, plan)])
    generation = generate_columns(
        master,
        pricer,
        rounds=settings.rounds,
        tolerance=settings.tolerance,
        out_of_time=lambda: clock() - started > settings.time_limit - reserve,
        bound=sum(plan.cost for plan in ideal),
    )
    remaining = max(1.0, settings.time_limit - (clock() - started))
    solution, chosen = master.solve_integer(Limits(remaining, settings.mip_rel_gap), start=list(range(len(orders))))
    decisions = [master.columns[index][1] for index in sorted(chosen, key=lambda c: master.columns[c][0])]
    cost, online_cost = sum(d.cost for d in decisions), sum(d.cost for d in online)
    if len(decisions) != len(orders) or cost > online_cost:
        decisions, cost = online, online_cost
    return BatchResult(
        decisions=decisions,
        cost=cost,
        lower_bound=min(cost, generation.lower_bound),
        online_cost=online_cost,
        rounds=generation.rounds,
        columns=len(master.columns),
        converged=generation.converged,
        mip_status=solution.status,
    )


def _online(orders: Sequence[Order], network: Network, inventory: Inventory) -> list[Decision]:
    return [lean(plan) for plan in route_all(OnlineRouter(network=network, inventory=inventory.copy()), orders)]
