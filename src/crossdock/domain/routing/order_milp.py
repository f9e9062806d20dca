"""The same one-order problem as a HiGHS MILP: the fallback when the search spends its node budget."""

from __future__ import annotations

from crossdock.domain.routing.highs import INFINITY, ModelBuilder
from crossdock.domain.routing.search import SearchResult
from crossdock.domain.routing.space import SearchSpace, evaluate


def solve_order_milp(space: SearchSpace) -> SearchResult:
    """y[i] ∈ {0,1} opens location i; blocks x ≤ units·y[i]; Σ x + unfilled = demand; Σ y ≤ max parcels."""
    model = ModelBuilder()
    demand_rows = [model.add_row(demand, demand) for demand in space.demand]
    parcel_row = model.add_row(-INFINITY, space.max_parcels)
    used_row = model.add_row(0.0, INFINITY)  # Σ y − any ≥ 0: "any" may be 1 only if a parcel ships
    members = list(range(len(space.fixed)))
    opens: dict[int, int] = {}
    for member in members:
        link_rows = []
        for sku_index, blocks in space.offers[member]:
            for cost, _, units in blocks:
                link = model.add_row(-INFINITY, 0.0)
                model.add_column(cost, 0.0, units, [(demand_rows[sku_index], 1.0), (link, 1.0)])
                link_rows.append((link, -float(units)))
        entries = [*link_rows, (parcel_row, 1.0), (used_row, 1.0)]
        opens[member] = model.add_column(space.fixed[member], 0.0, 1.0, entries, integer=True)
    for row in demand_rows:
        model.add_column(space.unfilled_rate, 0.0, INFINITY, [(row, 1.0)])
    # The split penalty is charged per parcel and given back once when any parcel ships.
    model.add_column(-space.split, 0.0, 1.0, [(used_row, -1.0)], integer=True)
    solution = model.solve()
    chosen = tuple(member for member in members if solution.values[opens[member]] > 0.5)
    candidates = tuple(sorted(space.candidate_of[member] for member in chosen))
    return SearchResult(candidates, evaluate(space, chosen), nodes=0, proved=True)
