"""The worker's job: release the holds of carts whose time-to-live ran out."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from crossdock.db.models import Cart
from crossdock.domain.carts import CART_TRANSITIONS, CartStatus
from crossdock.domain.transitions import check_transition
from crossdock.services.carts.holds import release_holds

BATCH = 200


def release_expired_cart_holds(now: datetime, *, limit: int = BATCH) -> int:
    """Expire open carts whose `expires_at` has passed and give their held units back. Returns the carts expired.

    Idempotent and safe with several workers: each cart is taken under a row lock (SKIP LOCKED on
    PostgreSQL, so workers share the queue) and re-checked, so a cart checked out, extended or expired
    by someone else in the meantime is left alone. Raises nothing for a cart that changed under it.
    """
    due = list(
        Cart.objects.filter(status=CartStatus.OPEN, expires_at__lte=now)
        .order_by("expires_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    return sum(_expire(cart_id, now) for cart_id in due)


def _expire(cart_id: int, now: datetime) -> int:
    with transaction.atomic():
        cart = (
            Cart.objects.select_for_update(skip_locked=True)
            .filter(pk=cart_id, status=CartStatus.OPEN, expires_at__lte=now)
            .first()
        )
        if cart is None:
            return 0
        release_holds(cart)
        cart.status = check_transition(CART_TRANSITIONS, CartStatus.OPEN, CartStatus.EXPIRED)
        cart.updated_at = now
        cart.save(update_fields=["status", "updated_at"])
    return 1
