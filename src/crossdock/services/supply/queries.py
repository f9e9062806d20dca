"""Reading a supply with its lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crossdock.db.models import Supply
from crossdock.domain.errors import NotFound


@dataclass(frozen=True, slots=True)
class SupplyLineView:
    sku: str
    quantity: int
    received: int
    cancelled: int
    open: int


@dataclass(frozen=True, slots=True)
class SupplyView:
    id: int
    kind: str
    reference: str
    supplier: str
    source: str | None
    destination: str
    status: str
    eta: date | None
    dispatched_at: datetime | None
    lines: list[SupplyLineView]


def get_supply(supply_id: int) -> SupplyView:
    """Raises NotFound."""
    supply = Supply.objects.select_related("source", "destination").filter(pk=supply_id).first()
    if supply is None:
        raise NotFound(f"supply {supply_id} does not exist", field="supply_id")
    return SupplyView(
        id=supply.pk,
        kind=supply.kind,
        reference=supply.reference,
        supplier=supply.supplier,
        source=supply.source.code if supply.source else None,
        destination=supply.destination.code,
        status=supply.status,
        eta=supply.eta,
        dispatched_at=supply.dispatched_at,
        lines=[
            SupplyLineView(
                line.sku,
                line.quantity,
                line.received_quantity,
                line.cancelled_quantity,
                line.quantity - line.received_quantity - line.cancelled_quantity,
            )
            for line in supply.lines.all()
        ],
    )
