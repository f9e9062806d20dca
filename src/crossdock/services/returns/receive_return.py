"""Receive a return's goods at a warehouse or any store."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from crossdock.db.models import Location, Return
from crossdock.domain.errors import IllegalTransition, NotFound, UnknownLocation
from crossdock.domain.events import OrderEventType
from crossdock.domain.returns import RETURN_TRANSITIONS, ReturnStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft


def receive_return(return_id: int, location_code: str, *, actor: str) -> None:
    """Record that the goods arrived at the location (a warehouse or any store, whoever sold them).

    Raises NotFound, UnknownLocation, IllegalTransition (received twice, cancelled).
    """
    order_id = Return.objects.filter(pk=return_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    location = Location.objects.filter(code=location_code, active=True).first()
    if location is None:
        raise UnknownLocation(f"unknown location {location_code!r}", field="location")
    with transaction.atomic():
        lock_existing_order(order_id)
        return_request = lock_return(return_id)
        receive_locked(return_request, location, actor=actor, now=clock.now())


def lock_return(return_id: int) -> Return:
    """The return row, locked (after its order's row: order → return, always)."""
    return Return.objects.select_for_update(of=("self",)).select_related("received_at_location").get(pk=return_id)


def receive_locked(return_request: Return, location: Location, *, actor: str, now: datetime) -> None:
    status = ReturnStatus(return_request.status)
    if status != ReturnStatus.REQUESTED and return_request.received_at_location is not None:
        where = return_request.received_at_location.code
        raise IllegalTransition(f"{return_request.rma_number} was already received at {where}", field="return_id")
    return_request.status = check_transition(RETURN_TRANSITIONS, status, ReturnStatus.RECEIVED, field="return_id")
    return_request.received_at_location, return_request.received_at = location, now
    return_request.updated_at = now
    return_request.save(update_fields=["status", "received_at_location", "received_at", "updated_at"])
    data = {"location": location.code}
    record_return_events(
        return_request,
        [EventDraft(OrderEventType.RETURN_RECEIVED, data)],
        actor=actor,
        at=now,
        topic="return.received",
        payload=data,
    )
