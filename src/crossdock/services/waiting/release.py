"""The worker's job: allocate waiting lines (backorders, pre-orders) when stock is there.

Per SKU, first come first served within priority. A worker takes a SKU's queue by locking the
product row (FOR NO KEY UPDATE SKIP LOCKED on PostgreSQL): two workers never serve one SKU at once,
so each unit is allocated once and the queue order holds; other SKUs go to the other workers.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F

from crossdock.db.models import Product, StockPosition, WaitingLine
from crossdock.domain.orders import LineStatus
from crossdock.domain.waiting import WaitingStatus
from crossdock.services.waiting.serve import serve_waiting_line

SKUS_PER_ROUND = 100


def release_waiting_lines(now: datetime, *, limit: int = SKUS_PER_ROUND) -> int:
    """Allocate as many waiting units as stock allows; returns the units allocated. Idempotent, safe with
    several workers, and a SKU whose stock a concurrent capture took is simply tried again next round."""
    product_ids = list(
        WaitingLine.objects.filter(status=WaitingStatus.WAITING)
        .order_by("product_id")
        .values_list("product_id", flat=True)
        .distinct()[:limit]
    )
    return sum(_release_sku(product_id, now) for product_id in product_ids if _has_stock(product_id))


def _has_stock(product_id: int) -> bool:
    """A cheap look before taking any lock: is anything of the SKU free anywhere (or a line to close)?"""
    free = StockPosition.objects.filter(product_id=product_id, on_hand__gt=F("reserved") + F("safety_stock"))
    closed = WaitingLine.objects.filter(product_id=product_id, status=WaitingStatus.WAITING).exclude(
        order_line__status=LineStatus.UNALLOCATED
    )
    return free.exists() or closed.exists()


def _release_sku(product_id: int, now: datetime) -> int:
    with transaction.atomic():
        taken = Product.objects.select_for_update(no_key=True, skip_locked=True).filter(pk=product_id).first()
        if taken is None:
            return 0  # another worker is serving this SKU
        queue = list(
            WaitingLine.objects.select_for_update(of=("self",))
            .filter(product_id=product_id, status=WaitingStatus.WAITING)
            .order_by("-priority", "created_at", "id")
        )
        return sum(serve_waiting_line(waiting, sku=taken.sku, now=now) for waiting in queue)
