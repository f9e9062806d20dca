"""The plan-selection model: each order picks one of its plans; plans share stock and parcel capacity.

    min  Σ cost(p) z_p
    s.t. Σ_{p of o} z_p = weight(o)                      (dual π_o)
         Σ_p units(p, location, sku) z_p ≤ stock          (dual −λ ≥ 0 → a unit's opportunity cost)
         Σ_p parcels(p, location) z_p ≤ parcels left      (dual −μ ≥ 0 → a parcel's opportunity cost)

Kept in one HiGHS instance so that adding plans re-solves from the last basis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from crossdock.domain.routing.highs import INFINITY, Limits, Solution, new_solver, run
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.prices import ShadowPrices


@dataclass(frozen=True, slots=True)
class LinearSolution:
    objective: float
    prices: ShadowPrices
    order_duals: list[float]


class Master:
    def __init__(
        self, weights: list[float], stock: Mapping[tuple[str, str], int], parcel_limits: Mapping[str, int]
    ) -> None:
        self.weights = weights
        self.stock = dict(stock)
        self.parcel_limits = dict(parcel_limits)
        self.solver = new_solver()
        self.stock_rows = {key: len(weights) + offset for offset, key in enumerate(stock)}
        first_parcel_row = len(weights) + len(self.stock_rows)
        self.parcel_rows = {location: first_parcel_row + offset for offset, location in enumerate(parcel_limits)}
        lower = [*weights, *[-INFINITY] * (len(stock) + len(parcel_limits))]
        upper = [*weights, *map(float, stock.values()), *map(float, parcel_limits.values())]
        none = np.zeros(len(lower), dtype=np.int32)
        self.solver.addRows(
            len(lower), np.array(lower), np.array(upper), 0, none, np.array([], dtype=np.int32), np.array([])
        )
        self.columns: list[tuple[int, Decision]] = []

    def add(self, plans: list[tuple[int, Decision]]) -> None:
        """Add (order index, plan) columns; a plan's cost is its true cost, never its priced one."""
        starts: list[int] = []
        rows: list[int] = []
        values: list[float] = []
        for order_index, plan in plans:
            starts.append(len(rows))
            entries = self._entries(order_index, plan)
            rows += [row for row, _ in entries]
            values += [value for _, value in entries]
        costs = np.array([plan.cost for _, plan in plans])
        self.solver.addCols(
            len(plans),
            costs,
            np.zeros(len(plans)),
            np.full(len(plans), INFINITY),
            len(rows),
            np.array(starts, dtype=np.int32),
            np.array(rows, dtype=np.int32),
            np.array(values, dtype=np.float64),
        )
        self.columns += plans

    def _entries(self, order_index: int, plan: Decision) -> list[tuple[int, float]]:
        entries = [(order_index, 1.0)]
        entries += [(self.stock_rows[(a.location, a.sku)], float(a.quantity)) for a in plan.allocations]
        entries += [(self.parcel_rows[location], 1.0) for location in plan.locations if location in self.parcel_rows]
        return entries

    def resource_value(self, prices: ShadowPrices) -> float:
        """Σ λ × stock + Σ μ × parcels: what the Lagrangian bound subtracts."""
        units = sum(price * self.stock[key] for key, price in prices.unit.items())
        return units + sum(price * self.parcel_limits[location] for location, price in prices.parcel.items())

    def solve_linear(self) -> LinearSolution:
        solution = run(self.solver)
        duals = solution.row_duals
        if not duals:  # nothing to price (no order, or no dual solution): no opportunity costs
            return LinearSolution(solution.objective, ShadowPrices(), [0.0] * len(self.weights))
        orders = len(self.weights)
        unit = {key: -duals[row] for key, row in self.stock_rows.items() if duals[row] < -1e-9}
        parcel = {location: -duals[row] for location, row in self.parcel_rows.items() if duals[row] < -1e-9}
        return LinearSolution(solution.objective, ShadowPrices(unit, parcel), duals[:orders])

    def solve_integer(self, limits: Limits, start: list[int]) -> tuple[Solution, list[int]]:
        """Plans chosen (column indices, one per order) by the MILP; `start` is a feasible choice."""
        count = len(self.columns)
        self.solver.changeColsBounds(count, np.arange(count, dtype=np.int32), np.zeros(count), np.ones(count))
        kinds = np.full(count, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
        self.solver.changeColsIntegrality(count, np.arange(count, dtype=np.int32), kinds)
        if limits.time_limit is not None:
            self.solver.setOptionValue("time_limit", float(limits.time_limit))
        if limits.mip_rel_gap is not None:
            self.solver.setOptionValue("mip_rel_gap", float(limits.mip_rel_gap))
        values = np.zeros(count)
        values[start] = 1.0
        warm = highspy.HighsSolution()
        warm.col_value = list(values)
        self.solver.setSolution(warm)
        solution = run(self.solver)
        chosen = [index for index, value in enumerate(solution.values) if value > 0.5]
        return solution, chosen
