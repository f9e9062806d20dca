"""Batch routing: never worse than online, its bound holds, and on small instances it is optimal."""

from __future__ import annotations

import random
import time

import pytest
from routing_milp import optimum

from crossdock.domain.routing import (
    BatchSettings,
    CostModel,
    Inventory,
    Line,
    Location,
    LookaheadRouter,
    Network,
    OnlineRouter,
    Order,
    route_all,
    solve_batch,
)

CITIES = [(40.71, -74.01), (41.88, -87.63), (34.05, -118.24), (29.76, -95.37), (33.45, -112.07), (47.61, -122.33)]
MODEL = CostModel(per_parcel=8.759, per_km=0.000336, per_unit=0.423, unfilled_per_unit=30.0)


def generated(
    seed: int, *, orders: int, centres: int = 3, skus: int = 4
) -> tuple[Network, dict[tuple[str, str], int], list[Order]]:
    """Scarce stock (about what the orders want) spread over a few centres: the case where order matters."""
    rng = random.Random(seed)
    locations = {
        f"FC{i}": Location(f"FC{i}", *CITIES[i], max_parcels=rng.choice([None, orders])) for i in range(centres)
    }
    catalogue = [f"SKU{j}" for j in range(skus)]
    demand = [
        Order(
            f"O{n}",
            *rng.choice(CITIES),
            tuple(Line(sku, rng.randint(1, 2)) for sku in rng.sample(catalogue, rng.randint(1, 3))),
        )
        for n in range(orders)
    ]
    wanted = {
        sku: sum(line.quantity for order in demand for line in order.lines if line.sku == sku) for sku in catalogue
    }
    stock: dict[tuple[str, str], int] = {}
    for sku, units in wanted.items():
        for _ in range(units):
            key = (rng.choice(list(locations)), sku)
            stock[key] = stock.get(key, 0) + 1
    return Network(locations, MODEL), stock, demand


def _inventory(network: Network, stock: dict[tuple[str, str], int]) -> Inventory:
    return Inventory(stock, {key: location.max_parcels for key, location in network.locations.items()})


@pytest.mark.parametrize("seed", range(6))
def test_batch_is_never_worse_than_online_and_its_bound_holds(seed: int) -> None:
    network, stock, orders = generated(seed, orders=8)
    online = route_all(OnlineRouter(network=network, inventory=_inventory(network, stock)), orders)

    batch = solve_batch(orders, network=network, inventory=_inventory(network, stock), clock=time.perf_counter)

    best = optimum(orders, locations=dict(network.locations), stock=stock, model=MODEL)
    assert batch.cost <= sum(decision.cost for decision in online) + 1e-9
    assert batch.lower_bound <= best + 1e-6
    assert batch.cost == pytest.approx(best, abs=1e-6) or batch.gap > 0


@pytest.mark.parametrize("seed", range(3))
def test_batch_decisions_respect_stock_and_parcel_limits(seed: int) -> None:
    network, stock, orders = generated(seed, orders=30, centres=4, skus=6)
    inventory = _inventory(network, stock)

    batch = solve_batch(orders, network=network, inventory=inventory.copy(), clock=time.perf_counter)

    for decision in batch.decisions:
        inventory.take(decision.allocations)
    assert [decision.order_id for decision in batch.decisions] == [order.id for order in orders]
    assert batch.gap == pytest.approx((batch.cost - batch.lower_bound) / batch.cost)


def test_a_tight_time_limit_still_returns_a_feasible_plan() -> None:
    network, stock, orders = generated(9, orders=40, centres=4, skus=6)

    batch = solve_batch(
        orders,
        network=network,
        inventory=_inventory(network, stock),
        settings=BatchSettings(time_limit=0.01),
        clock=time.perf_counter,
    )

    assert len(batch.decisions) == 40
    assert batch.cost <= batch.online_cost + 1e-9


def test_lookahead_decides_every_order_from_the_stock_left_without_reading_ahead() -> None:
    network, stock, orders = generated(4, orders=40, centres=4, skus=6)
    inventory = _inventory(network, stock)
    router = LookaheadRouter(network=network, inventory=inventory, horizon=len(orders))

    decisions = []
    for position, order in enumerate(orders):
        decisions.append(router.route(order))
        assert router.seen == orders[: position + 1]

    assert [decision.order_id for decision in decisions] == [order.id for order in orders]
    assert all(price >= 0 for price in router.prices.unit.values())
    assert all(quantity >= 0 for _, quantity in inventory.items())
