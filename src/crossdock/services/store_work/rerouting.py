"""Units a store could not supply go back to routing, to be sourced elsewhere."""

from __future__ import annotations

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import RoutingExclusion
from crossdock.services import clock
from crossdock.services.routing.reroute import Rerouted, reroute_order


def send_back_to_routing(order_id: int, *, actor: str, short_at: int | None = None) -> Rerouted:
    """Route the order's unallocated units again (after a short pick), without the store that came up short:
    its on-hand was corrected, and it is ruled out for this order so it is not offered the same units again."""
    with transaction.atomic():
        order = locks.lock_order(order_id)
        now = clock.now()
        if short_at is not None:
            RoutingExclusion.objects.get_or_create(
                order_id=order_id, location_id=short_at, defaults={"reason": "short_pick", "created_at": now}
            )
        return reroute_order(order, reason="short_pick", actor=actor, now=now)
