"""Inspect a received return line by line and dispose of each: restock, damaged, or back to the vendor."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction

from crossdock.db.models import Return, ReturnLine
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.events import OrderEventType
from crossdock.domain.returns import RETURN_TRANSITIONS, Condition, Disposition, ReturnPolicy, ReturnStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.returns.commands import LineInspection
from crossdock.services.returns.policy import policy_for
from crossdock.services.returns.receive_return import lock_return
from crossdock.services.returns.restock import restock
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft


def inspect_return(return_id: int, inspections: list[LineInspection], *, actor: str) -> None:
    """Record each line's condition and disposition; restocked units go on hand at the receiving location.

    Once every line is inspected the return is `inspected` (or `closed` when no line earns a refund).
    Raises NotFound, InvalidInput (unknown or repeated line, damaged goods restocked),
    IllegalTransition (not received yet, line already inspected).
    """
    if not inspections or len({i.line_number for i in inspections}) != len(inspections):
        raise InvalidInput("list each line once", field="lines")
    order_id = Return.objects.filter(pk=return_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(f"return {return_id} does not exist", field="return_id")
    with transaction.atomic():
        order = lock_existing_order(order_id)
        return_request = lock_return(return_id)
        if return_request.status != ReturnStatus.RECEIVED:
            raise IllegalTransition(
                f"{return_request.rma_number} is {return_request.status}, not received", field="return_id"
            )
        now = clock.now()
        lines = _inspected_lines(return_request, inspections, policy_for(order.channel_id), now)
        _restock(return_request, lines)
        _record(return_request, lines, actor=actor, now=now)
        _finish(return_request, actor=actor, now=now)


def _inspected_lines(
    return_request: Return, inspections: list[LineInspection], policy: ReturnPolicy, now: datetime
) -> list[ReturnLine]:
    by_number = {line.order_line.line_number: line for line in return_request.lines.select_related("order_line")}
    inspected = []
    for index, inspection in enumerate(inspections):
        field = f"lines[{index}]"
        line = by_number.get(inspection.line_number)
        if line is None:
            raise InvalidInput(
                f"{return_request.rma_number} has no line {inspection.line_number}", field=f"{field}.line"
            )
        if line.inspected_at is not None:
            raise IllegalTransition(f"line {inspection.line_number} was already inspected", field=f"{field}.line")
        if inspection.disposition == Disposition.RESTOCK and inspection.condition == Condition.DAMAGED:
            raise InvalidInput("damaged goods cannot be restocked", field=f"{field}.disposition")
        line.inspected_condition, line.disposition = inspection.condition, inspection.disposition
        line.accepted = inspection.condition in policy.accepted_conditions
        line.inspected_at = now
        line.note = inspection.note or line.note
        inspected.append(line)
    ReturnLine.objects.bulk_update(
        inspected, ["inspected_condition", "disposition", "accepted", "inspected_at", "note"]
    )
    return inspected


def _restock(return_request: Return, lines: list[ReturnLine]) -> None:
    units: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.disposition == Disposition.RESTOCK:
            units[line.order_line.product_id] += line.quantity
    if units:
        assert return_request.received_at_location_id is not None  # received, so it has a location
        restock(return_request.received_at_location_id, dict(units))


def _record(return_request: Return, lines: list[ReturnLine], *, actor: str, now: datetime) -> None:
    drafts = [
        EventDraft(
            OrderEventType.RETURN_LINE_INSPECTED,
            {
                "line": line.order_line.line_number,
                "quantity": line.quantity,
                "condition": line.inspected_condition,
                "disposition": line.disposition,
                "accepted": line.accepted,
            },
        )
        for line in lines
    ]
    record_return_events(
        return_request,
        drafts,
        actor=actor,
        at=now,
        topic="return.inspected",
        payload={"lines": [d.data for d in drafts]},
    )


def _finish(return_request: Return, *, actor: str, now: datetime) -> None:
    remaining = return_request.lines.filter(inspected_at__isnull=True).exists()
    if remaining:
        return
    status = check_transition(RETURN_TRANSITIONS, ReturnStatus(return_request.status), ReturnStatus.INSPECTED)
    event, topic = OrderEventType.RETURN_INSPECTED, "return.inspected"
    if not return_request.lines.filter(accepted=True).exists():
        status = check_transition(RETURN_TRANSITIONS, status, ReturnStatus.CLOSED)
        event, topic = OrderEventType.RETURN_CLOSED, "return.closed"
    return_request.status, return_request.updated_at = status, now
    return_request.save(update_fields=["status", "updated_at"])
    record_return_events(
        return_request,
        [EventDraft(event, {"status": status})],
        actor=actor,
        at=now,
        topic=topic,
        payload={"status": status},
    )
