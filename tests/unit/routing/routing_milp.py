"""An independent HiGHS model of the routing problem, written from the cost definition alone.

It shares no code with the engine: its own haversine, its own reading of every cost term, one
integer variable per (order line, location), and the depletion penalty as two integer blocks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import highspy
import numpy as np

from crossdock.domain.routing import CostModel, Location, Order, ShadowPrices

INF = highspy.kHighsInf


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class _Model:
    def __init__(self) -> None:
        self.cost: list[float] = []
        self.upper: list[float] = []
        self.columns: list[list[tuple[int, float]]] = []
        self.lower_rows: list[float] = []
        self.upper_rows: list[float] = []

    def row(self, lower: float, upper: float) -> int:
        self.lower_rows.append(lower)
        self.upper_rows.append(upper)
        return len(self.lower_rows) - 1

    def column(self, cost: float, upper: float, entries: list[tuple[int, float]]) -> None:
        self.cost.append(cost)
        self.upper.append(upper)
        self.columns.append(entries)

    def solve(self) -> float:
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(self.cost), len(self.lower_rows)
        lp.col_cost_, lp.col_lower_ = np.array(self.cost), np.zeros(len(self.cost))
        lp.col_upper_ = np.array(self.upper)
        lp.row_lower_, lp.row_upper_ = np.array(self.lower_rows), np.array(self.upper_rows)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.cumsum([0] + [len(c) for c in self.columns]).astype(np.int32)
        lp.a_matrix_.index_ = np.array([r for c in self.columns for r, _ in c], dtype=np.int32)
        lp.a_matrix_.value_ = np.array([v for c in self.columns for _, v in c], dtype=np.float64)
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(self.cost)
        solver = highspy.Highs()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("mip_rel_gap", 0.0)
        solver.setOptionValue("mip_abs_gap", 1e-9)
        solver.passModel(lp)
        solver.run()
        assert solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return float(solver.getInfo().objective_function_value)


def optimum(
    orders: Sequence[Order],
    *,
    locations: Mapping[str, Location],
    stock: Mapping[tuple[str, str], int],
    model: CostModel,
    prices: ShadowPrices | None = None,
    parcels_left: Mapping[str, int] | None = None,
) -> float:
    """The least total priced cost of routing `orders` together from `stock`."""
    milp = _Model()
    stock_rows = {key: milp.row(-INF, qty) for key, qty in stock.items()}
    limits = dict(parcels_left or {})
    limits.update(
        {k: loc.max_parcels for k, loc in locations.items() if loc.max_parcels is not None and k not in limits}
    )
    parcel_rows = {key: milp.row(-INF, limit) for key, limit in limits.items()}
    for order in orders:
        _order(milp, order, locations, stock, stock_rows, parcel_rows, model, prices or ShadowPrices())
    return milp.solve()


def _unit_cost(model: CostModel, location: Location) -> float:
    if location.per_unit is not None:
        return location.per_unit
    return model.per_unit_by_kind.get(location.kind, model.per_unit)


def _order(milp, order, locations, stock, stock_rows, parcel_rows, model, prices) -> None:  # type: ignore[no-untyped-def]
    """Lines take units from (location, SKU) supplies; a supply is an ordinary block and a last-units block."""
    opens = {key: milp.row(-INF, 0.0) for key in locations}  # Σ units shipped − big·y ≤ 0
    demand_rows = []
    for line in order.lines:
        demand_rows.append((line.sku, milp.row(line.quantity, line.quantity)))
        milp.column(model.unfilled_per_unit, INF, [(demand_rows[-1][1], 1.0)])
    for key, location in locations.items():
        for sku in {line.sku for line in order.lines}:
            if stock.get((key, sku), 0):
                _supply(milp, key, location, sku, stock, stock_rows, demand_rows, opens[key], model, prices)
    _parcels(milp, order, locations, parcel_rows, opens, model, prices)


def _supply(milp, key, location, sku, stock, stock_rows, demand_rows, opens, model, prices) -> None:  # type: ignore[no-untyped-def]
    qty = stock[(key, sku)]
    balance = milp.row(0.0, 0.0)  # Σ line units from here − supply blocks = 0
    for line_sku, row in demand_rows:
        if line_sku == sku:
            milp.column(0.0, INF, [(row, 1.0), (balance, 1.0), (opens, 1.0)])
    unit = _unit_cost(model, location) + prices.unit.get((key, sku), 0.0)
    last = min(qty, model.depletion_threshold) if location.kind == "store" and model.depletion_penalty else 0
    for cost, size in ((unit, qty - last), (unit + model.depletion_penalty, last)):
        if size:
            milp.column(cost, size, [(balance, -1.0), (stock_rows[(key, sku)], 1.0)])


def _parcels(milp, order, locations, parcel_rows, opens, model, prices) -> None:  # type: ignore[no-untyped-def]
    count = milp.row(-INF, model.max_parcels_per_order or INF)  # Σ y ≤ max parcels per order
    any_row = milp.row(0.0, INF)  # Σ y − any ≥ 0: the split penalty is given back once
    big = float(sum(line.quantity for line in order.lines))
    for key, location in locations.items():
        fixed = (
            model.per_parcel
            + model.per_km * km(location.latitude, location.longitude, order.latitude, order.longitude)
            + model.unreliability_weight * (1 - location.reliability)
            + model.load_weight * location.load
            + model.split_penalty
            + prices.parcel.get(key, 0.0)
        )
        entries = [(opens[key], -big), (count, 1.0), (any_row, 1.0)]
        if key in parcel_rows:
            entries.append((parcel_rows[key], 1.0))
        milp.column(fixed, 1.0, entries)
    milp.column(-model.split_penalty, 1.0, [(any_row, -1.0)])
