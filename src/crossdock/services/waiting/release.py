"""The worker's job: allocate waiting lines (backorders, pre-orders) when stock is there.

Per SKU, first come first served within priority. A worker takes a SKU's queue by locking the
product row (FOR NO KEY UPDATE SKIP LOCKED on PostgreSQL): two workers never serve one SKU at once,
so each unit is allocated once and the queue order holds; other SKUs go to the other workers.
Pre-orders are never allocated before their window's launch (`release_not_before`).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q

from crossdock.db.models import Product, StockPosition, WaitingLine
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.waiting.locked_stock import LockedStock
from crossdock.services.waiting.serve import serve_waiting_line

SKUS_PER_QUERY = 100


def release_waiting_lines(now: datetime, *, limit: int = SKUS_PER_QUERY) -> int:
    """Allocate as many waiting units as stock allows; returns the units allocated. Idempotent, safe with
    several workers, and a SKU whose stock a concurrent capture took is simply tried again next round.

    Every SKU with lines waiting and free stock somewhere (or a cancelled line to close) is served, `limit`
    SKUs per query in product order: SKUs whose stock the channels cannot use never hold up the others."""
    released, after = 0, 0
    while product_ids := _candidates(now, after=after, limit=limit):
        released += sum(_release_sku(product_id, now) for product_id in product_ids)
        after = product_ids[-1]
    return released


def _candidates(now: datetime, *, after: int, limit: int) -> list[int]:
    """A cheap look before taking any lock: the next SKUs with a line to serve and free stock, or one to close."""
    free = StockPosition.objects.filter(
        product_id=OuterRef("product_id"), on_hand__gt=F("reserved") + F("safety_stock")
    )
    closed = ~Q(order_line__status__in=SHORT_LINE_STATUSES)
    return list(
        WaitingLine.objects.filter(status=WaitingStatus.WAITING, product_id__gt=after)
        .filter((_releasable(now) & Exists(free)) | closed)
        .order_by("product_id")
        .values_list("product_id", flat=True)
        .distinct()[:limit]
    )


def _releasable(now: datetime) -> Q:
    """Not a pre-order waiting for its launch."""
    return Q(window__isnull=True) | Q(window__release_not_before__isnull=True) | Q(window__release_not_before__lte=now)


def _release_sku(product_id: int, now: datetime) -> int:
    with transaction.atomic():
        taken = Product.objects.select_for_update(no_key=True, skip_locked=True).filter(pk=product_id).first()
        if taken is None:
            return 0  # another worker is serving this SKU
        queue = list(
            WaitingLine.objects.select_for_update(of=("self",))
            .select_related("order_line")  # its order, to lock (the line is read again once it is locked)
            .filter(product_id=product_id, status=WaitingStatus.WAITING)
            .filter(_releasable(now) | ~Q(order_line__status__in=SHORT_LINE_STATUSES))
            .order_by("-priority", "created_at", "id")
        )
        stocks = LockedStock(taken.sku, product_id)
        return sum(serve_waiting_line(waiting, stocks=stocks, now=now) for waiting in queue)
