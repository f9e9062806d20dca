"""Put an order on hold: its work not yet started stays `held` until every hold is released."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from crossdock.db import locks
from crossdock.db.models import FulfilmentOrder, Order, OrderHold
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.holds import HoldKind, HoldStatus
from crossdock.domain.orders import ORDER_TRANSITIONS, OrderStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.offers.withdraw import withdraw_open_offers
from crossdock.services.timeline import EventDraft, record_order_events

HOLDABLE = (FulfilmentStatus.ASSIGNED, FulfilmentStatus.CLAIMED)  # open offers are withdrawn instead


def hold_order(order_id: int, *, kind: HoldKind, reason: str, actor: str) -> int:
    """Put the order on a hold of `kind` (staff: usually manual) and return the hold's id.

    Raises NotFound, InvalidInput (no reason), IllegalTransition (the order is completed or cancelled).
    """
    if not reason.strip():
        raise InvalidInput("a hold needs a reason", field="reason")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        if not ORDER_TRANSITIONS[OrderStatus(order.status)]:
            raise IllegalTransition(f"a {order.status} order cannot be held", field="order_id")
        return put_on_hold(order, kind=kind, reason=reason, actor=actor, now=clock.now()).pk


def lock_existing_order(order_id: int) -> Order:
    try:
        return locks.lock_order(order_id)
    except Order.DoesNotExist:
        raise NotFound(f"order {order_id} does not exist", field="order_id") from None


def put_on_hold(
    order: Order, *, kind: HoldKind, reason: str, actor: str, now: datetime, rules: list[dict[str, Any]] | None = None
) -> OrderHold:
    """In the caller's transaction, on a locked order: a payment or fraud hold already active is reused."""
    if kind != HoldKind.MANUAL:
        active = order.holds.filter(kind=kind, status=HoldStatus.ACTIVE).first()
        if active is not None:
            return active
    hold = OrderHold.objects.create(
        order=order,
        kind=kind,
        status=HoldStatus.ACTIVE,
        reason=reason[:500],
        rules=rules or [],
        placed_by=actor,
        placed_at=now,
    )
    withdrawn = withdraw_open_offers(order, reason="the order was put on hold", now=now)
    held = move_fulfilments(order, HOLDABLE, FulfilmentStatus.HELD, now)
    record_order_events(
        order.pk,
        [
            EventDraft(OrderEventType.HOLD_PLACED, {"hold_id": hold.pk, "kind": kind, "rules": hold.rules}, reason),
            *withdrawn,
        ],
        actor=actor,
        at=now,
        topic="order.held",
        payload={"order_id": order.pk, "hold_id": hold.pk, "kind": kind, "reason": reason, "fulfilments": held},
    )
    return hold


def move_fulfilments(
    order: Order, sources: tuple[FulfilmentStatus, ...], target: FulfilmentStatus, now: datetime
) -> list[int]:
    """Move the order's fulfilments in `sources` to `target`, rows locked in pk order; returns their ids."""
    fulfilments = list(
        FulfilmentOrder.objects.select_for_update().filter(order=order, status__in=sources).order_by("pk")
    )
    for fulfilment in fulfilments:
        fulfilment.status = check_transition(FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), target)
        fulfilment.updated_at = now
    FulfilmentOrder.objects.bulk_update(fulfilments, ["status", "updated_at"])
    return [fulfilment.pk for fulfilment in fulfilments]
