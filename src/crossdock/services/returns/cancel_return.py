"""Cancel a return whose goods never came back."""

from __future__ import annotations

from django.db import transaction

from crossdock.db.models import Return
from crossdock.domain.errors import InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.returns import RETURN_TRANSITIONS, ReturnStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.returns.receive_return import lock_return
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft


def cancel_return(return_id: int, *, reason: str, actor: str) -> None:
    """Raises NotFound, InvalidInput (no reason), IllegalTransition (the goods were already received)."""
    if not reason.strip():
        raise InvalidInput("a cancellation needs a reason", field="reason")
    order_id = Return.objects.filter(pk=return_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    with transaction.atomic():
        lock_existing_order(order_id)
        return_request = lock_return(return_id)
        now = clock.now()
        return_request.status = check_transition(
            RETURN_TRANSITIONS, ReturnStatus(return_request.status), ReturnStatus.CANCELLED, field="return_id"
        )
        return_request.updated_at = now
        return_request.save(update_fields=["status", "updated_at"])
        record_return_events(
            return_request,
            [EventDraft(OrderEventType.RETURN_CANCELLED, {}, reason=reason)],
            actor=actor,
            at=now,
            topic="return.cancelled",
            payload={"reason": reason},
        )
