"""Check online decisions, one by one, against the independent compact MILP given the same stock left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchmarks.routing.reference import solve_reference


@dataclass(frozen=True, slots=True)
class Exactness:
    checked: int
    exact: int
    worst_difference: float

    @property
    def rate(self) -> float:
        return self.exact / self.checked if self.checked else 1.0


def check(instance: dict[str, Any], decisions: list[dict[str, Any]], costs: list[float], *, every: int) -> Exactness:
    """Every `every`-th order: its decision's cost must equal the MILP optimum from the stock it saw (1e-6)."""
    stock = {(r["location"], r["sku"]): r["qty"] for r in instance["stock"]}
    parcels = {r["id"]: r.get("max_parcels") for r in instance["locations"]}
    checked = exact = 0
    worst = 0.0
    for position, (order, decision) in enumerate(zip(instance["orders"], decisions, strict=True)):
        if position % every == 0:
            optimum = _optimum(instance, order, stock, parcels)
            difference = abs(costs[position] - optimum)
            checked, exact, worst = (
                checked + 1,
                exact + (difference <= 1e-6 * max(1.0, optimum)),
                max(worst, difference),
            )
        for allocation in decision["allocations"]:
            stock[(allocation["location"], allocation["sku"])] -= allocation["qty"]
        for location in {allocation["location"] for allocation in decision["allocations"]}:
            if parcels[location] is not None:
                parcels[location] -= 1
    return Exactness(checked, exact, worst)


def _optimum(
    instance: dict[str, Any], order: dict[str, Any], stock: dict[tuple[str, str], int], parcels: dict[str, Any]
) -> float:
    single = {
        "cost": instance["cost"],
        "locations": [row | {"max_parcels": parcels[row["id"]]} for row in instance["locations"]],
        "stock": [{"location": location, "sku": sku, "qty": qty} for (location, sku), qty in stock.items() if qty],
        "orders": [order],
    }
    reference = solve_reference(single, time_limit=60.0)
    assert reference.objective is not None, reference.status
    return reference.objective
