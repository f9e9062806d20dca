"""Score decisions independently of the engine: feasibility, total cost, parcels, splits, unfilled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchmarks.routing.reference import km


@dataclass(frozen=True, slots=True)
class Score:
    cost: float
    parcels_per_order: float
    split_rate: float
    unfilled_units: int


def score(instance: dict[str, Any], decisions: list[list[dict[str, Any]]]) -> Score:
    """`decisions[i]` are order i's allocations ({sku, location, qty}); raises AssertionError if infeasible."""
    cost_model = instance["cost"]
    locations = {row["id"]: row for row in instance["locations"]}
    stock = {(r["location"], r["sku"]): r["qty"] for r in instance["stock"]}
    parcels_used: dict[str, int] = {}
    total, parcels, splits, unfilled = 0.0, 0, 0, 0
    for order, allocations in zip(instance["orders"], decisions, strict=True):
        demand: dict[str, int] = {}
        for line in order["lines"]:
            demand[line["sku"]] = demand.get(line["sku"], 0) + line["qty"]
        used = {a["location"] for a in allocations if a["qty"] > 0}
        for allocation in allocations:
            key = (allocation["location"], allocation["sku"])
            stock[key] = stock.get(key, 0) - allocation["qty"]
            assert stock[key] >= 0, f"order {order['id']} oversells {key}"
            demand[allocation["sku"]] -= allocation["qty"]
            place = locations[allocation["location"]]
            unit = cost_model["per_unit"] if place.get("per_unit") is None else place["per_unit"]
            total += unit * allocation["qty"]
        assert all(left >= 0 for left in demand.values()), f"order {order['id']} gets more than it ordered"
        for location in used:
            place = locations[location]
            total += cost_model["per_parcel"] + cost_model["per_km"] * km(
                place["lat"], place["lon"], order["lat"], order["lon"]
            )
            parcels_used[location] = parcels_used.get(location, 0) + 1
            limit = place.get("max_parcels")
            assert limit is None or parcels_used[location] <= limit, f"{location} ships too many parcels"
        missing = sum(demand.values())
        total += cost_model["unfilled_per_unit"] * missing
        parcels, splits, unfilled = parcels + len(used), splits + (len(used) > 1), unfilled + missing
    count = max(1, len(instance["orders"]))
    return Score(total, parcels / count, splits / count, unfilled)
