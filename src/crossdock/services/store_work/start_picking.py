"""Start picking a fulfilment at the store."""

from __future__ import annotations

from django.db import transaction

from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import StoreWorkEvent
from crossdock.services import clock
from crossdock.services.store_work.access import Work, locate, lock_work, mark_order_in_fulfilment, move
from crossdock.services.store_work.results import StepResult, record_step, result_of

STARTABLE = (FulfilmentStatus.ASSIGNED, FulfilmentStatus.CLAIMED)


def start_picking(fulfilment_id: int, *, scope: StaffScope) -> StepResult:
    """Move an assigned or claimed fulfilment to picking; a second click changes nothing.

    Raises PermissionDenied, NotFound (not at your stores), OrderOnHold, IllegalTransition.
    """
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located)
        if work.status == FulfilmentStatus.PICKING:
            return result_of(work, replayed=True)
        begin_picking(work, scope)
        return result_of(work)


def begin_picking(work: Work, scope: StaffScope) -> None:
    """On locked work: the move to picking with its event (also the first scan of an unstarted pick list)."""
    now = clock.now()
    move(work, FulfilmentStatus.PICKING, now)
    mark_order_in_fulfilment(work.order, now)
    record_step(work, StoreWorkEvent.PICKING_STARTED, {}, actor=scope.actor, at=now, topic="fulfilment.picking_started")


def ensure_picking(work: Work, scope: StaffScope) -> None:
    """Picks and short picks on an unstarted pick list start it first."""
    if work.status in STARTABLE:
        begin_picking(work, scope)
