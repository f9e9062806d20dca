"""Is an order on hold? Asked by whatever releases work to stores (sourcing, offers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crossdock.db.models import Order, OrderHold
from crossdock.domain.errors import NotFound
from crossdock.domain.holds import HoldStatus


def is_on_hold(order_id: int) -> bool:
    """True while the order has an active hold: its fulfilment orders must not be offered, claimed or picked."""
    return OrderHold.objects.filter(order_id=order_id, status=HoldStatus.ACTIVE).exists()


@dataclass(frozen=True, slots=True)
class HoldView:
    id: int
    kind: str
    status: str
    reason: str
    rules: list[dict[str, Any]]
    placed_by: str
    placed_at: datetime
    resolved_by: str
    resolved_at: datetime | None
    resolution: str


def list_holds(order_id: int) -> list[HoldView]:
    """The order's holds, oldest first. Raises NotFound."""
    if not Order.objects.filter(pk=order_id).exists():
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    return [
        HoldView(
            id=h.pk,
            kind=h.kind,
            status=h.status,
            reason=h.reason,
            rules=h.rules,
            placed_by=h.placed_by,
            placed_at=h.placed_at,
            resolved_by=h.resolved_by,
            resolved_at=h.resolved_at,
            resolution=h.resolution,
        )
        for h in OrderHold.objects.filter(order_id=order_id)
    ]
