"""Live decision time: one 5-line order over 200 candidate locations, the way `place_order` will call it.

200 real US cities each hold a store (or, every fifth, a warehouse); each holds each of 1,000
SKUs with probability `density`, 1–10 units. Orders come from random cities with 5 distinct SKUs
of 1–3 units. The full profile is on: split penalty, reliability, load, stock depletion. Stock is
not consumed, so every order faces the same 200 candidates.

Each decision is timed by the wall clock (`perf_counter`) and by the process's CPU time
(`process_time`): on a shared box the wall clock also counts the time the process waited for a core.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from benchmarks.routing.cities import us_cities
from crossdock.domain.routing import CostModel, Inventory, Line, Location, Network, Order, explain, route_order

FULL_PROFILE = CostModel(
    per_parcel=8.759,
    per_km=0.000336,
    per_unit=0.423,
    unfilled_per_unit=30.0,
    per_unit_by_kind={"store": 0.9},
    split_penalty=2.0,
    unreliability_weight=5.0,
    load_weight=3.0,
    depletion_penalty=1.5,
    depletion_threshold=2,
)


@dataclass(frozen=True, slots=True)
class LiveTiming:
    density: float
    profile: str
    decisions: int
    decide_p50_ms: float
    decide_p99_ms: float
    decide_cpu_p50_ms: float
    decide_cpu_p99_ms: float
    explain_p50_ms: float
    explain_p99_ms: float
    milp_fallbacks: int
    mean_parcels: float


BASE_PROFILE = CostModel(per_parcel=8.759, per_km=0.000336, per_unit=0.423, unfilled_per_unit=30.0)


def measure(*, density: float, orders: int = 2000, seed: int = 7, model: CostModel = FULL_PROFILE) -> LiveTiming:
    rng = random.Random(seed)
    cities = us_cities(200)
    locations = {
        f"L{index:03d}": Location(
            f"L{index:03d}",
            city.latitude,
            city.longitude,
            kind="warehouse" if index % 5 == 0 else "store",
            reliability=rng.uniform(0.6, 1.0),
            load=rng.uniform(0.0, 0.9),
        )
        for index, city in enumerate(cities)
    }
    stock = {
        (location, f"SKU{sku:04d}"): rng.randint(1, 10)
        for location in locations
        for sku in range(1000)
        if rng.random() < density
    }
    inventory = Inventory(stock, {})
    network = Network(locations, model)
    decide, decide_cpu, explained, fallbacks, parcels = [], [], [], 0, 0
    for number in range(orders):
        city = rng.choice(cities)
        lines = tuple(Line(f"SKU{sku:04d}", rng.randint(1, 3)) for sku in rng.sample(range(1000), 5))
        order = Order(f"O{number}", city.latitude, city.longitude, lines)
        started, started_cpu = time.perf_counter(), time.process_time()
        decision = route_order(order, network=network, inventory=inventory)
        decided, decided_cpu = time.perf_counter(), time.process_time()
        explain(decision)
        decide.append(decided - started)
        decide_cpu.append(decided_cpu - started_cpu)
        explained.append(time.perf_counter() - decided)
        fallbacks += decision.method != "branch_and_bound"
        parcels += decision.parcels
    return LiveTiming(
        density=density,
        profile="full" if model is FULL_PROFILE else "base",
        decisions=orders,
        decide_p50_ms=_percentile(decide, 0.50),
        decide_p99_ms=_percentile(decide, 0.99),
        decide_cpu_p50_ms=_percentile(decide_cpu, 0.50),
        decide_cpu_p99_ms=_percentile(decide_cpu, 0.99),
        explain_p50_ms=_percentile(explained, 0.50),
        explain_p99_ms=_percentile(explained, 0.99),
        milp_fallbacks=fallbacks,
        mean_parcels=parcels / orders,
    )


def _percentile(seconds: list[float], fraction: float) -> float:
    ordered = sorted(seconds)
    return round(ordered[max(0, int(fraction * len(ordered) + 0.999999) - 1)] * 1000, 3)
