"""What other order management systems do, replayed on the same instances (orders in file order).

* nearest  — each line from the nearest location that has it, spilling to the next nearest (myopic);
* priority — a fixed location priority for every order, line by line (Saleor's sorting-order strategy);
* hotwax   — locations sorted by proximity then inventory balance; the first that ships the whole
             order wins, else lines are split in that order (HotWax-style brokering rules).
Every baseline respects stock and `max_parcels`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from benchmarks.routing.reference import km

Allocation = dict[str, Any]
Policy = Callable[[dict[str, Any], list[dict[str, Any]], "State"], list[Allocation]]


class State:
    def __init__(self, instance: dict[str, Any]) -> None:
        self.stock = {(r["location"], r["sku"]): r["qty"] for r in instance["stock"]}
        self.parcels = {r["id"]: r.get("max_parcels") for r in instance["locations"]}

    def can_ship(self, location: str) -> bool:
        left = self.parcels[location]
        return left is None or left > 0

    def take(self, allocations: list[Allocation]) -> None:
        for allocation in allocations:
            self.stock[(allocation["location"], allocation["sku"])] -= allocation["qty"]
        for location in {allocation["location"] for allocation in allocations}:
            if self.parcels[location] is not None:
                self.parcels[location] -= 1


def replay(instance: dict[str, Any], policy: Policy) -> tuple[list[list[Allocation]], list[float]]:
    """Each order's allocations, and the seconds each decision took."""
    state = State(instance)
    decisions, seconds = [], []
    for order in instance["orders"]:
        started = time.perf_counter()
        allocations = policy(order, instance["locations"], state)
        seconds.append(time.perf_counter() - started)
        state.take(allocations)
        decisions.append(allocations)
    return decisions, seconds


def nearest(order: dict[str, Any], locations: list[dict[str, Any]], state: State) -> list[Allocation]:
    return _line_by_line(order, _by_distance(order, locations), state)


def priority(order: dict[str, Any], locations: list[dict[str, Any]], state: State) -> list[Allocation]:
    return _line_by_line(order, [location["id"] for location in locations], state)


def hotwax(order: dict[str, Any], locations: list[dict[str, Any]], state: State) -> list[Allocation]:
    demand = _demand(order)

    def balance(location: str) -> int:
        return sum(min(qty, state.stock.get((location, sku), 0)) for sku, qty in demand.items())

    distance = {location["id"]: _km(order, location) for location in locations}
    # Proximity in 500 km bands, then the location holding more of the order (inventory balance).
    ranked = sorted(distance, key=lambda location: (distance[location] // 500, -balance(location), distance[location]))
    for location in ranked:
        if state.can_ship(location) and balance(location) == sum(demand.values()):
            return [{"sku": sku, "location": location, "qty": qty} for sku, qty in demand.items()]
    return _line_by_line(order, ranked, state)


def _line_by_line(order: dict[str, Any], ranked: list[str], state: State) -> list[Allocation]:
    allocations: list[Allocation] = []
    opened: set[str] = set()
    for sku, qty in _demand(order).items():
        for location in ranked:
            if not qty:
                break
            if location not in opened and not state.can_ship(location):
                continue
            taken = min(qty, state.stock.get((location, sku), 0))
            if taken:
                allocations.append({"sku": sku, "location": location, "qty": taken})
                opened.add(location)
                qty -= taken
    return allocations


def _demand(order: dict[str, Any]) -> dict[str, int]:
    demand: dict[str, int] = {}
    for line in order["lines"]:
        demand[line["sku"]] = demand.get(line["sku"], 0) + line["qty"]
    return demand


def _by_distance(order: dict[str, Any], locations: list[dict[str, Any]]) -> list[str]:
    return [location["id"] for location in sorted(locations, key=lambda location: _km(order, location))]


def _km(order: dict[str, Any], location: dict[str, Any]) -> float:
    return km(location["lat"], location["lon"], order["lat"], order["lon"])


POLICIES: dict[str, Policy] = {"nearest": nearest, "priority": priority, "hotwax": hotwax}
