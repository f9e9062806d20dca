"""Reading returns: one in full with its lines and timeline, or an order's returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from crossdock.db.models import Order, Return
from crossdock.domain.errors import NotFound


@dataclass(frozen=True, slots=True)
class ReturnLineView:
    id: int
    line_number: int
    sku: str
    quantity: int
    reason: str
    stated_condition: str
    inspected_condition: str
    disposition: str
    accepted: bool | None
    refund_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class ReturnEventView:
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


@dataclass(frozen=True, slots=True)
class ReturnView:
    id: int
    rma_number: str
    order_id: int
    status: str
    source: str
    opened_at: str | None
    received_at: str | None
    refund_total: Decimal | None
    restocking_fee: Decimal
    shipping_refund: Decimal
    replacement_order_id: int | None
    exchange_credit: Decimal | None
    created_by: str
    created_at: datetime
    lines: list[ReturnLineView]
    timeline: list[ReturnEventView]


def get_return(return_id: int) -> ReturnView:
    """Raises NotFound."""
    found = Return.objects.select_related("opened_at_location", "received_at_location").filter(pk=return_id).first()
    if found is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    return _view(found)


def list_returns(order_id: int) -> list[ReturnView]:
    """The order's returns, oldest first. Raises NotFound."""
    if not Order.objects.filter(pk=order_id).exists():
        raise NotFound(f"order {order_id} does not exist", field="order_id")
    returns = Return.objects.filter(order_id=order_id).select_related("opened_at_location", "received_at_location")
    return [_view(r) for r in returns]


def _view(r: Return) -> ReturnView:
    return ReturnView(
        id=r.pk,
        rma_number=r.rma_number,
        order_id=r.order_id,
        status=r.status,
        source=r.source,
        opened_at=r.opened_at_location.code if r.opened_at_location else None,
        received_at=r.received_at_location.code if r.received_at_location else None,
        refund_total=r.refund_total,
        restocking_fee=r.restocking_fee,
        shipping_refund=r.shipping_refund,
        replacement_order_id=r.replacement_order_id,
        exchange_credit=r.exchange_credit,
        created_by=r.created_by,
        created_at=r.created_at,
        lines=[
            ReturnLineView(
                id=line.pk,
                line_number=line.order_line.line_number,
                sku=line.order_line.sku,
                quantity=line.quantity,
                reason=line.reason,
                stated_condition=line.stated_condition,
                inspected_condition=line.inspected_condition,
                disposition=line.disposition,
                accepted=line.accepted,
                refund_amount=line.refund_amount,
            )
            for line in r.lines.select_related("order_line")
        ],
        timeline=[ReturnEventView(e.type, e.actor, e.reason, e.data, e.created_at) for e in r.events.all()],
    )
