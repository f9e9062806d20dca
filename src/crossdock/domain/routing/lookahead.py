"""Lookahead routing: one order at a time, plus the opportunity cost of the stock and capacity it uses.

The opportunity costs are the dual prices of the plan-selection LP (see `master`) over the demand
expected for the rest of the period — the most recent orders, each weighted to stand for its share
of the orders still to come (Acimovic & Graves: duals of an LP over expected demand). The LP is
re-solved every few orders against the stock left; later orders are never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crossdock.domain.routing.colgen import Pricer, generate_columns
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.master import Master
from crossdock.domain.routing.network import Network, Order
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.prices import NO_PRICES, ShadowPrices
from crossdock.domain.routing.route import route_order, unfilled_plan


@dataclass(frozen=True, slots=True)
class LookaheadSettings:
    sample: int = 400  # the larger, the better the prices (200 → 400 doubled the gap closed on js-99x10x100)
    warmup: int = 20
    resolves: int = 20
    rounds: int = 6


class LookaheadRouter:
    """`horizon` is the number of orders expected in the period (a volume forecast), if known."""

    def __init__(
        self,
        *,
        network: Network,
        inventory: Inventory,
        horizon: int | None,
        settings: LookaheadSettings = LookaheadSettings(),
    ) -> None:
        self.network = network
        self.inventory = inventory
        self.horizon = horizon
        self.settings = settings
        self.seen: list[Order] = []
        self.prices = NO_PRICES
        self.estimated_at = -1

    def prepare(self) -> None:
        """Re-estimate the opportunity costs when due (in live use, a periodic worker job)."""
        if self._due():
            self.prices = self.estimate()
            self.estimated_at = len(self.seen)

    def route(self, order: Order) -> Decision:
        self.prepare()
        decision = route_order(order, network=self.network, inventory=self.inventory, prices=self.prices)
        self.inventory.take(decision.allocations)
        self.seen.append(order)
        return decision

    def _due(self) -> bool:
        count = len(self.seen)
        every = max(1, (self.horizon or 1000) // self.settings.resolves)
        due = count >= self.settings.warmup and (count - self.settings.warmup) % every == 0
        return due and self.estimated_at != count

    def remaining(self) -> int:
        count = len(self.seen)
        return max(0, self.horizon - count) if self.horizon is not None else count

    def estimate(self) -> ShadowPrices:
        """Duals of the LP over the expected remaining demand, against the stock left now."""
        sample = self.seen[-self.settings.sample :]
        if not sample or not self.remaining():
            return NO_PRICES
        return estimate_prices(
            sample,
            weight=self.remaining() / len(sample),
            network=self.network,
            inventory=self.inventory,
            rounds=self.settings.rounds,
        )


def estimate_prices(
    sample: Sequence[Order],
    *,
    weight: float,
    network: Network,
    inventory: Inventory,
    rounds: int,
) -> ShadowPrices:
    """Relative duals of the plan-selection LP where each sampled order stands for `weight` orders."""
    master = Master([weight] * len(sample), dict(inventory.items()), inventory.parcel_limits())
    pricer = Pricer(sample, network=network, inventory=inventory)
    # Every order may go unfilled (so the weighted LP is feasible) or take its best plan of today.
    starts = [(index, unfilled_plan(order, network.model)) for index, order in enumerate(sample)]
    starts += [(index, plan) for index, plan in enumerate(pricer.ideal()) if plan.allocations]
    master.add([(index, plan) for index, plan in starts if pricer.register(index, plan)])
    generation = generate_columns(master, pricer, rounds=rounds, tolerance=1e-3, out_of_time=lambda: False)
    return relative(generation.linear.prices, inventory)


def relative(prices: ShadowPrices, inventory: Inventory) -> ShadowPrices:
    """Keep only what sets one location's units apart from another's: each SKU's price minus its lowest.

    The part every holder shares is the SKU's general scarcity; left in, it would make leaving the
    order unfilled look as good as shipping (a certain lost sale now, for a forecast one later).
    """
    lowest: dict[str, float] = {}
    for (location, sku), _ in inventory.items():
        price = prices.unit.get((location, sku), 0.0)
        lowest[sku] = min(price, lowest.get(sku, price))
    unit = {key: price - lowest[key[1]] for key, price in prices.unit.items() if price - lowest[key[1]] > 1e-9}
    return ShadowPrices(unit, prices.parcel)
