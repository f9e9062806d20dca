"""Settle an order's payments on request: retry what a gateway declined once the cause is fixed."""

from __future__ import annotations

from django.db import transaction

from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.payments.settle import settle_payments


def settle_order_payments(order_id: int, *, actor: str) -> None:
    """Refund, void, authorise and capture whatever the order's state calls for now, retrying a
    declined authorisation. Raises NotFound."""
    with transaction.atomic():
        order = lock_existing_order(order_id)
        settle_payments(order, actor=actor, now=clock.now(), retry=True)
