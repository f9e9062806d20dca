"""Release a hold (the order goes on to fulfilment once no hold is left), or close it with the order."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from crossdock.db.models import Order, OrderHold
from crossdock.domain.errors import InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.holds import HOLD_TRANSITIONS, HoldKind, HoldStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order, move_fulfilments
from crossdock.services.payments.settle import settle_payments
from crossdock.services.routing.reroute import reroute_order
from crossdock.services.timeline import EventDraft, record_order_events


def release_hold(order_id: int, hold_id: int, *, reason: str, actor: str) -> None:
    """Release one hold. With no hold left, held work goes back to routing and payment due is captured.

    Raises NotFound (order or hold), InvalidInput (no reason), IllegalTransition (already released).
    """
    if not reason.strip():
        raise InvalidInput("a release needs a reason", field="reason")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        hold = OrderHold.objects.select_for_update().filter(pk=hold_id, order=order).first()
        if hold is None:
            raise NotFound(f"order {order_id} has no hold {hold_id}", field="hold_id")
        now = clock.now()
        lift_hold(order, hold, outcome=HoldStatus.RELEASED, reason=reason, actor=actor, now=now)
        settle_payments(order, actor=actor, now=now)


def release_payment_holds(order: Order, *, reason: str, actor: str, now: datetime) -> None:
    """A payment went through: the order's payment holds are lifted (in the caller's transaction)."""
    for hold in order.holds.filter(kind=HoldKind.PAYMENT, status=HoldStatus.ACTIVE).order_by("pk"):
        lift_hold(order, hold, outcome=HoldStatus.RELEASED, reason=reason, actor=actor, now=now)


def close_holds(order: Order, *, reason: str, actor: str, now: datetime) -> None:
    """The order was cancelled: its active holds end with it."""
    for hold in order.holds.filter(status=HoldStatus.ACTIVE).order_by("pk"):
        lift_hold(order, hold, outcome=HoldStatus.CANCELLED, reason=reason, actor=actor, now=now)


def lift_hold(order: Order, hold: OrderHold, *, outcome: HoldStatus, reason: str, actor: str, now: datetime) -> None:
    hold.status = check_transition(HOLD_TRANSITIONS, HoldStatus(hold.status), outcome, field="hold_id")
    hold.resolved_by, hold.resolved_at, hold.resolution = actor, now, reason[:500]
    hold.save(update_fields=["status", "resolved_by", "resolved_at", "resolution"])
    released: list[int] = []
    still_held = order.holds.filter(status=HoldStatus.ACTIVE).exists()
    if outcome == HoldStatus.RELEASED and not still_held:
        released = move_fulfilments(order, (FulfilmentStatus.HELD,), FulfilmentStatus.ASSIGNED, now)
    event = OrderEventType.HOLD_RELEASED if outcome == HoldStatus.RELEASED else OrderEventType.HOLD_CANCELLED
    data = {"hold_id": hold.pk, "kind": hold.kind, "released_fulfilments": released, "still_on_hold": still_held}
    record_order_events(
        order.pk,
        [EventDraft(event, data, reason)],
        actor=actor,
        at=now,
        topic="order.hold_released" if outcome == HoldStatus.RELEASED else "order.hold_cancelled",
        payload={"order_id": order.pk, "reason": reason, **data},
    )
    if outcome == HoldStatus.RELEASED and not still_held:
        reroute_order(order, reason="hold_released", actor=actor, now=now)  # offers withdrawn at the hold
