"""A SKU's backorder queue as the API shows it: "X backordered / Y arriving on D"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crossdock.db.models import Product, WaitingLine
from crossdock.domain.errors import UnknownSku
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.waiting import WaitingKind, WaitingStatus
from crossdock.services.inventory.queue import queued_units
from crossdock.services.supply.open_supply import open_supply


@dataclass(frozen=True, slots=True)
class QueueEntry:
    order_id: int
    channel_order_id: str
    line_number: int
    kind: str
    quantity: int
    priority: int
    promise_date: date | None
    since: datetime


@dataclass(frozen=True, slots=True)
class Arriving:
    reference: str
    location: str
    eta: date | None
    open: int
    promised: int
    in_transit: bool


@dataclass(frozen=True, slots=True)
class SkuQueue:
    sku: str
    backordered: int
    preordered: int
    owed_from_stock: int  # waiting units no open supply brings: new orders may not take these from on-hand
    arriving: list[Arriving]
    queue: list[QueueEntry]
    summary: str


def sku_queue(sku: str) -> SkuQueue:
    """Waiting lines of the SKU in the order they will be served, and the supply on its way. Raises UnknownSku."""
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    rows = (
        WaitingLine.objects.filter(
            product=product, status=WaitingStatus.WAITING, order_line__status__in=SHORT_LINE_STATUSES
        )
        .order_by("-priority", "created_at", "id")
        .values_list(
            "order_line__order_id",
            "order_line__order__channel_order_id",
            "order_line__line_number",
            "kind",
            "quantity",
            "priority",
            "promise_date",
            "created_at",
        )
    )
    queue = [QueueEntry(*row) for row in rows]
    arriving = [
        Arriving(s.reference, s.location, s.eta, s.open, s.promised, s.dispatched)
        for s in open_supply([product.pk]).get(product.pk, [])
    ]
    backordered = sum(e.quantity for e in queue if e.kind == WaitingKind.BACKORDER)
    preordered = sum(e.quantity for e in queue if e.kind == WaitingKind.PREORDER)
    return SkuQueue(
        sku=sku,
        backordered=backordered,
        preordered=preordered,
        owed_from_stock=queued_units([sku]).get(sku, 0),
        arriving=arriving,
        queue=queue,
        summary=_summary(backordered, preordered, arriving),
    )


def _summary(backordered: int, preordered: int, arriving: list[Arriving]) -> str:
    text = f"{backordered} backordered"
    if preordered:
        text += f", {preordered} pre-ordered"
    dated = [a for a in arriving if a.eta is not None]
    if dated:
        first = dated[0]
        text += f" / {sum(a.open for a in dated if a.eta == first.eta)} arriving on {first.eta:%Y-%m-%d}"
    elif arriving:
        text += f" / {sum(a.open for a in arriving)} on order without a date"
    else:
        text += " / nothing on order"
    return text
