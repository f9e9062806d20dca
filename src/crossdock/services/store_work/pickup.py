"""Pickup in store: the order waits at the counter; the customer is told their pickup code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import Location, PickupHandover
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import PICKUP_CODE_DIGITS, StoreWorkEvent
from crossdock.services import clock
from crossdock.services.reliability.sla import record_sla_miss
from crossdock.services.store_work.access import Work, locate, lock_work, move
from crossdock.services.store_work.pack import pack
from crossdock.services.store_work.results import record_step
from crossdock.services.timeline import EventDraft, record_order_events


@dataclass(frozen=True, slots=True)
class ReadyResult:
    fulfilment_id: int
    order_id: int
    status: str
    replayed: bool = False


def mark_ready_for_pickup(fulfilment_id: int, *, scope: StaffScope) -> ReadyResult:
    """Put a packed (or fully picked: packed in one bag on the way) pickup order at the counter, give it a
    pickup code and tell the customer (a `customer.pickup_ready` outbox message). Again: nothing changes.

    Raises PermissionDenied, NotFound, OrderOnHold, PickIncomplete, IllegalTransition (a shipped order, or
    one not picked yet).
    """
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located)
        if work.status == FulfilmentStatus.READY_FOR_PICKUP:
            return ReadyResult(fulfilment_id, work.order.pk, work.status, replayed=True)
        if work.fulfilment.delivery_method != DeliveryMethod.PICKUP:
            raise IllegalTransition("only pickup orders wait at the counter; ship this one", field="fulfilment_id")
        if work.status == FulfilmentStatus.PICKING:
            pack(work, [None], scope=scope)
        if work.status != FulfilmentStatus.PACKED:
            raise IllegalTransition("pick the items before marking the order ready", field="fulfilment_id")
        now = clock.now()
        move(work, FulfilmentStatus.READY_FOR_PICKUP, now)
        code = f"{secrets.randbelow(10**PICKUP_CODE_DIGITS):0{PICKUP_CODE_DIGITS}d}"
        PickupHandover.objects.create(fulfilment=work.fulfilment, code=code, ready_at=now, ready_by=scope.actor)
        record_step(
            work, StoreWorkEvent.READY_FOR_PICKUP, {}, actor=scope.actor, at=now, topic="fulfilment.ready_for_pickup"
        )
        _notify_customer(work, code, actor=scope.actor)
        record_sla_miss(work.fulfilment.pk, now=now)  # claimed offer work made ready late counts against the store
        return ReadyResult(fulfilment_id, work.order.pk, work.status)


def _notify_customer(work: Work, code: str, *, actor: str) -> None:
    """The message the notification sender turns into an email or text: where to collect, with which code."""
    store = Location.objects.values("code", "name").get(pk=work.fulfilment.location_id)
    record_order_events(
        work.order.pk,
        [EventDraft(StoreWorkEvent.CUSTOMER_NOTIFIED, {"kind": "pickup_ready", "fulfilment_id": work.fulfilment.pk})],
        actor=actor,
        at=work.fulfilment.updated_at,
        topic="customer.pickup_ready",
        payload={
            "order_id": work.order.pk,
            "channel_order_id": work.order.channel_order_id,
            "fulfilment_id": work.fulfilment.pk,
            "customer_email": work.order.customer_email,
            "customer_name": work.order.customer_name,
            "store_code": store["code"],
            "store_name": store["name"],
            "pickup_code": code,
        },
    )
