"""The offline optimum, by an independent compact MILP (it shares no code with the engine).

    min Σ_(o,l) (per_parcel + per_km·km) y_ol + Σ per_unit(l) x_ojl + unfilled_per_unit Σ w_oj
    s.t. Σ_l x_ojl + w_oj = q_oj;  x_ojl ≤ min(q_oj, s_lj) y_ol;  Σ_o x_ojl ≤ s_lj;  Σ_o y_ol ≤ max_parcels_l
y binary, x and w continuous: with y fixed the rest is a transportation problem, whose optimum
is integral, so the optimum value is the integer optimum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Reference:
    objective: float | None
    bound: float
    status: str
    seconds: float
    variables: int


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def solve_reference(instance: dict[str, Any], *, time_limit: float, relax: bool = False) -> Reference:
    """Optimum (or best found) and the proved bound of the whole instance; `relax` solves the LP only."""
    builder = _Compact(instance)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", 1e-6)
    highs.passModel(builder.lp(relax))
    highs.run()
    info = highs.getInfo()
    status = highs.modelStatusToString(highs.getModelStatus())
    solved = info.primal_solution_status == 2
    objective = float(info.objective_function_value) if solved else None
    bound = objective if relax and objective is not None else float(info.mip_dual_bound)
    return Reference(objective, bound, status, float(highs.getRunTime()), len(builder.cost))


class _Compact:
    def __init__(self, instance: dict[str, Any]) -> None:
        self.cost: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.columns: list[list[tuple[int, float]]] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self._build(instance)

    def _row(self, lower: float, upper: float) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def _column(self, cost: float, upper: float, entries: list[tuple[int, float]], integer: bool) -> None:
        self.cost.append(cost)
        self.upper.append(upper)
        self.integer.append(1 if integer else 0)
        self.columns.append(entries)

    def _build(self, instance: dict[str, Any]) -> None:
        cost = instance["cost"]
        locations = {row["id"]: row for row in instance["locations"]}
        stock: dict[tuple[str, str], int] = {(r["location"], r["sku"]): r["qty"] for r in instance["stock"] if r["qty"]}
        stock_rows = {key: self._row(-highspy.kHighsInf, qty) for key, qty in stock.items()}
        parcel_rows = {
            key: self._row(-highspy.kHighsInf, row["max_parcels"])
            for key, row in locations.items()
            if row.get("max_parcels") is not None
        }
        holders: dict[str, list[str]] = {}
        for location, sku in stock:
            holders.setdefault(sku, []).append(location)
        for order in instance["orders"]:
            self._order(order, cost, locations, stock, stock_rows, parcel_rows, holders)

    def _order(self, order, cost, locations, stock, stock_rows, parcel_rows, holders) -> None:  # type: ignore[no-untyped-def]
        demand: dict[str, int] = {}
        for line in order["lines"]:
            demand[line["sku"]] = demand.get(line["sku"], 0) + line["qty"]
        links: dict[str, list[tuple[int, float]]] = {}
        for sku, qty in demand.items():
            row = self._row(qty, qty)
            self._column(cost["unfilled_per_unit"], highspy.kHighsInf, [(row, 1.0)], False)
            for location in holders.get(sku, []):
                cap = min(qty, stock[(location, sku)])
                link = self._row(-highspy.kHighsInf, 0.0)
                per_unit = locations[location].get("per_unit")
                unit = cost["per_unit"] if per_unit is None else per_unit
                self._column(unit, cap, [(row, 1.0), (link, 1.0), (stock_rows[(location, sku)], 1.0)], False)
                links.setdefault(location, []).append((link, -float(cap)))
        for location, entries in links.items():
            place = locations[location]
            fixed = cost["per_parcel"] + cost["per_km"] * km(place["lat"], place["lon"], order["lat"], order["lon"])
            extra = [(parcel_rows[location], 1.0)] if location in parcel_rows else []
            self._column(fixed, 1.0, entries + extra, True)

    def lp(self, relax: bool) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(self.cost), len(self.row_lower)
        lp.col_cost_ = np.array(self.cost)
        lp.col_lower_ = np.zeros(len(self.cost))
        lp.col_upper_ = np.array(self.upper)
        lp.row_lower_ = np.array(self.row_lower)
        lp.row_upper_ = np.array(self.row_upper)
        starts = np.cumsum([0] + [len(entries) for entries in self.columns])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = starts.astype(np.int32)
        lp.a_matrix_.index_ = np.array([r for entries in self.columns for r, _ in entries], dtype=np.int32)
        lp.a_matrix_.value_ = np.array([v for entries in self.columns for _, v in entries], dtype=np.float64)
        if not relax:
            lp.integrality_ = [highspy.HighsVarType(flag) for flag in self.integer]
        return lp
