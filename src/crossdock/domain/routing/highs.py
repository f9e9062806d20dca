"""A thin, typed builder for HiGHS models (LP and MILP), silent, with limits passed in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np

INFINITY = highspy.kHighsInf


@dataclass(frozen=True, slots=True)
class Limits:
    time_limit: float | None = None
    mip_rel_gap: float | None = None


NO_LIMITS = Limits()


def new_solver() -> highspy.Highs:
    """A silent HiGHS instance (highspy has no type hints, hence the one ignore)."""
    solver = highspy.Highs()  # type: ignore[no-untyped-call]
    solver.setOptionValue("output_flag", False)
    return solver


@dataclass(frozen=True, slots=True)
class Solution:
    status: str
    objective: float
    values: list[float]
    row_duals: list[float]
    dual_bound: float
    mip_gap: float


@dataclass
class ModelBuilder:
    """Columns are added with their coefficients; rows only with their bounds."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    rows: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add_row(self, lower: float, upper: float) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def add_column(
        self, cost: float, lower: float, upper: float, entries: Iterable[tuple[int, float]], *, integer: bool = False
    ) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        for row, value in entries:
            self.rows.append(row)
            self.values.append(value)
        self.starts.append(len(self.rows))
        return len(self.cost) - 1

    def solve(self, limits: Limits = NO_LIMITS, *, relax: bool = False, start: list[float] | None = None) -> Solution:
        """Solve (as an LP when `relax`); `start` is a feasible point offered to the MIP solver."""
        solver = self.load(limits, relax=relax)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = start
            solver.setSolution(solution)
        return run(solver)

    def load(self, limits: Limits = NO_LIMITS, *, relax: bool = False) -> highspy.Highs:
        solver = new_solver()
        if limits.time_limit is not None:
            solver.setOptionValue("time_limit", float(limits.time_limit))
        if limits.mip_rel_gap is not None:
            solver.setOptionValue("mip_rel_gap", float(limits.mip_rel_gap))
        solver.passModel(self._lp(relax))
        return solver

    def _lp(self, relax: bool) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.array(self.cost, dtype=np.float64)
        lp.col_lower_ = np.array(self.lower, dtype=np.float64)
        lp.col_upper_ = np.array(self.upper, dtype=np.float64)
        lp.row_lower_ = np.array(self.row_lower, dtype=np.float64)
        lp.row_upper_ = np.array(self.row_upper, dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.rows, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.values, dtype=np.float64)
        if not relax and any(self.integer):
            kinds = highspy.HighsVarType
            lp.integrality_ = [kinds.kInteger if flag else kinds.kContinuous for flag in self.integer]
        return lp


def run(solver: highspy.Highs) -> Solution:
    solver.run()
    info = solver.getInfo()
    solution = solver.getSolution()
    status = solver.modelStatusToString(solver.getModelStatus())
    return Solution(
        status=status,
        objective=float(info.objective_function_value),
        values=list(solution.col_value),
        row_duals=list(solution.row_dual) if solution.dual_valid else [],
        dual_bound=float(info.mip_dual_bound),
        mip_gap=float(info.mip_gap),
    )
