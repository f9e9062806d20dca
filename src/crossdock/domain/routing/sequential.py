"""Routing orders one at a time, each consuming the stock it takes: the live situation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.route import DEFAULT_BUDGET, route_order


class Router(Protocol):
    def route(self, order: Order) -> Decision: ...


class OnlineRouter:
    """Myopic and exact: each order gets its optimum from what the earlier orders left."""

    def __init__(self, *, network: Network, inventory: Inventory, budget: int = DEFAULT_BUDGET) -> None:
        self.network = network
        self.inventory = inventory
        self.budget = budget

    def route(self, order: Order) -> Decision:
        decision = route_order(order, network=self.network, inventory=self.inventory, budget=self.budget)
        self.inventory.take(decision.allocations)
        return decision


def route_all(router: Router, orders: Iterable[Order]) -> list[Decision]:
    return [router.route(order) for order in orders]
