"""An order's routing decisions with their explanations (built from the kept inputs when first read)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crossdock.db.models import Order, RoutingDecision
from crossdock.domain.errors import NotFound
from crossdock.domain.routing.explain import explain
from crossdock.domain.routing.record import inputs_from_json


@dataclass(frozen=True, slots=True)
class DecisionView:
    id: int
    reason: str
    profile: str
    profile_version: int
    strategy: str
    method: str
    cost: float
    terms: dict[str, float]
    allocations: list[dict[str, Any]]
    unfilled: list[dict[str, Any]]
    destination: list[float] | None
    excluded: dict[str, str]
    explanation: dict[str, Any]
    created_at: datetime


def order_routing(order_id: int) -> list[DecisionView]:
    """Every routing of the order, oldest first, each explained. Raises NotFound."""
    if not Order.objects.filter(pk=order_id).exists():
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    return [_view(decision) for decision in RoutingDecision.objects.filter(order_id=order_id).order_by("pk")]


def _view(decision: RoutingDecision) -> DecisionView:
    if decision.explanation is None:
        # Deciding again from the same inputs gives the same decision: explain that one, once.
        decision.explanation = explain(inputs_from_json(decision.inputs).decide()).as_dict()
        RoutingDecision.objects.filter(pk=decision.pk, explanation__isnull=True).update(
            explanation=decision.explanation
        )
    return DecisionView(
        id=decision.pk,
        reason=decision.reason,
        profile=decision.profile_name,
        profile_version=decision.profile_version,
        strategy=decision.strategy,
        method=decision.method,
        cost=decision.cost,
        terms=decision.terms,
        allocations=decision.allocations,
        unfilled=decision.unfilled,
        destination=decision.inputs.get("destination"),
        excluded=decision.inputs.get("excluded", {}),
        explanation=decision.explanation,
        created_at=decision.created_at,
    )
