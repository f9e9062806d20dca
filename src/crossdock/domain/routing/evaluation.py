"""Run an instance in one of the three modes and shape the result as `route-eval` writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from crossdock.domain.routing.batch import BatchResult, BatchSettings, solve_batch
from crossdock.domain.routing.colgen import lean
from crossdock.domain.routing.instance import Instance
from crossdock.domain.routing.lookahead import LookaheadRouter
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.sequential import OnlineRouter, Router

DEFAULT_BATCH = BatchSettings()


class Mode(StrEnum):
    ONLINE = "online"
    LOOKAHEAD = "lookahead"
    BATCH = "batch"


@dataclass(frozen=True, slots=True)
class Run:
    mode: Mode
    decisions: list[Decision]
    seconds: float
    order_seconds: list[float] = field(default_factory=list)
    preparation_seconds: float = 0.0
    batch: BatchResult | None = None

    @property
    def cost(self) -> float:
        return sum(decision.cost for decision in self.decisions)


def run(instance: Instance, mode: Mode, *, clock: Callable[[], float], settings: BatchSettings = DEFAULT_BATCH) -> Run:
    """Decide every order of `instance`; `clock()` (seconds) times the run and bounds the batch."""
    started = clock()
    if mode == Mode.BATCH:
        inventory = instance.inventory()
        result = solve_batch(
            instance.orders, network=instance.network(), inventory=inventory, settings=settings, clock=clock
        )
        return Run(mode, result.decisions, clock() - started, batch=result)
    router = _router(instance, mode)
    decisions, times, preparation = [], [], 0.0
    for order in instance.orders:
        if isinstance(router, LookaheadRouter):
            before = clock()
            router.prepare()  # the periodic price update, timed apart from the decision
            preparation += clock() - before
        ready = clock()
        decision = router.route(order)
        times.append(clock() - ready)
        decisions.append(lean(decision))  # the problem is only needed to explain a decision
    return Run(mode, decisions, clock() - started, order_seconds=times, preparation_seconds=preparation)


def _router(instance: Instance, mode: Mode) -> Router:
    network, inventory = instance.network(), instance.inventory()
    if mode == Mode.LOOKAHEAD:
        # The period's order count is the volume forecast; no later order is read before its turn.
        return LookaheadRouter(network=network, inventory=inventory, horizon=len(instance.orders))
    return OnlineRouter(network=network, inventory=inventory)


def to_json(result: Run) -> dict[str, Any]:
    """The `route-eval` output: decisions in file order, total cost, seconds (and the batch's bound)."""
    output: dict[str, Any] = {
        "orders": [_decision_json(decision) for decision in result.decisions],
        "total_cost": round(result.cost, 6),
        "seconds": round(result.seconds, 3),
        "mode": str(result.mode),
    }
    if result.batch is not None:
        output |= {"lower_bound": round(result.batch.lower_bound, 6), "gap": result.batch.gap}
    return output


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.order_id,
        "allocations": [{"sku": a.sku, "location": a.location, "qty": a.quantity} for a in decision.allocations],
        "unfilled": [{"sku": s.sku, "qty": s.quantity} for s in decision.unfilled],
    }
