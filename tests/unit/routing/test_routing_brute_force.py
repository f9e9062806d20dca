"""The search against plain enumeration of every set of locations, on thousands of seeded random orders."""

from __future__ import annotations

import itertools
import random

from crossdock.domain.routing import CostModel, Inventory, Line, Location, Network, Order, ShadowPrices, route_order
from crossdock.domain.routing.breakdown import plan_for, plan_terms
from crossdock.domain.routing.problem import OrderProblem


def _random_case(rng: random.Random) -> tuple[Network, Inventory, Order, ShadowPrices]:
    model = CostModel(
        per_parcel=rng.choice([0.0, 1.0, 8.759]),
        per_km=rng.choice([0.000336, 0.01]),
        per_unit=rng.random(),
        unfilled_per_unit=rng.choice([3.0, 30.0]),
        split_penalty=rng.choice([0.0, 2.0]),
        depletion_penalty=rng.choice([0.0, 1.5]),
        depletion_threshold=rng.choice([0, 2]),
        max_parcels_per_order=rng.choice([None, 1, 2]),
        unreliability_weight=rng.choice([0.0, 3.0]),
        load_weight=rng.choice([0.0, 2.0]),
    )
    locations = {
        f"L{i}": Location(
            f"L{i}",
            rng.uniform(25, 48),
            rng.uniform(-120, -70),
            kind=rng.choice(["store", "warehouse"]),
            per_unit=rng.choice([None, rng.random()]),
            reliability=rng.random(),
            load=rng.random(),
        )
        for i in range(rng.randint(1, 7))
    }
    skus = [f"S{j}" for j in range(rng.randint(1, 4))]
    stock = {(key, sku): rng.choice([0, 0, 1, 2, 3, 5]) for key in locations for sku in skus}
    lines = tuple(Line(sku, rng.randint(1, 4)) for sku in rng.sample(skus, rng.randint(1, len(skus))))
    order = Order("O", rng.uniform(25, 48), rng.uniform(-120, -70), lines)
    prices = ShadowPrices()
    if rng.random() < 0.3:
        prices = ShadowPrices({key: rng.uniform(0, 2) for key in stock if rng.random() < 0.5})
    return Network(locations, model), Inventory(stock, {}), order, prices


def _enumerated(problem: OrderProblem) -> float:
    limit = problem.model.max_parcels_per_order or len(problem.candidates)
    return min(
        plan_terms(problem, *plan_for(problem, members), members).priced
        for size in range(min(limit, len(problem.candidates)) + 1)
        for members in itertools.combinations(range(len(problem.candidates)), size)
    )


def test_the_search_finds_the_best_set_of_locations_on_2000_random_orders() -> None:
    rng = random.Random(20260701)
    for _ in range(2000):
        network, inventory, order, prices = _random_case(rng)

        decision = route_order(order, network=network, inventory=inventory, prices=prices)

        assert decision.problem is not None
        assert abs(decision.terms.priced - _enumerated(decision.problem)) <= 1e-9
