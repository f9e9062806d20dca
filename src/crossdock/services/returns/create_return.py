"""Open a return (RMA) against an order — by customer service, the web shop, or in any store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from crossdock.db.models import Location, Order, OrderLine, Return, ReturnLine
from crossdock.domain.errors import DomainError, InvalidInput, UnknownLocation
from crossdock.domain.events import OrderEventType
from crossdock.domain.returns import ReturnSource, ReturnStatus, check_return_line
from crossdock.services import clock
from crossdock.services.holds.place_hold import lock_existing_order
from crossdock.services.returns.commands import ReturnLineRequest, ReturnRequest
from crossdock.services.returns.facts import LineFacts
from crossdock.services.returns.policy import policy_for
from crossdock.services.returns.receive_return import receive_locked
from crossdock.services.returns.timeline import record_return_events
from crossdock.services.timeline import EventDraft


@dataclass(frozen=True, slots=True)
class Verdict:
    returnable: bool
    code: str
    message: str
    field: str | None


def check_return(request: ReturnRequest) -> Verdict:
    """The return policy's answer for this request, without writing anything."""
    try:
        _check_request(request)
        order = Order.objects.select_related("channel").filter(pk=request.order_id).first()
        if order is None:
            raise InvalidInput(f"order {request.order_id} does not exist", field="order_id")
        _checked_lines(order, request, clock.now())
    except DomainError as error:
        return Verdict(False, error.code, error.message, error.field)
    return Verdict(True, "returnable", "the return is within the policy", None)


def create_return(request: ReturnRequest, *, actor: str) -> int:
    """Check the request against the channel's return policy, open the return and return its id.

    With `received`, the goods are handed over in the store there and then. Raises NotFound,
    InvalidInput, UnknownLocation, ExceedsReturnable (more than shipped), NotReturnable,
    OutsideReturnWindow, ConditionNotAccepted. Nothing is written when it raises.
    """
    _check_request(request)
    with transaction.atomic():
        order = lock_existing_order(request.order_id)
        now = clock.now()
        lines = _checked_lines(order, request, now)
        store = _store(request)
        number = Return.objects.filter(order=order).count() + 1
        return_request = Return.objects.create(
            rma_number=f"RMA-{order.pk}-{number}",
            order=order,
            status=ReturnStatus.REQUESTED,
            source=request.source,
            opened_at_location=store,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        ReturnLine.objects.bulk_create(
            ReturnLine(
                return_request=return_request,
                order_line=line,
                quantity=wanted.quantity,
                reason=wanted.reason,
                stated_condition=wanted.condition,
                note=wanted.note,
            )
            for line, wanted in lines
        )
        _record_created(return_request, lines, actor=actor, now=now)
        if request.received and store is not None:
            receive_locked(return_request, store, actor=actor, now=now)
        return return_request.pk


def _check_request(request: ReturnRequest) -> None:
    if not request.lines:
        raise InvalidInput("a return needs at least one line", field="lines")
    numbers = [line.line_number for line in request.lines]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput("list each line once", field="lines")
    for index, line in enumerate(request.lines):
        if line.quantity <= 0:
            raise InvalidInput("quantity must be a positive integer", field=f"lines[{index}].quantity")
    if request.source == ReturnSource.STORE and not request.store:
        raise InvalidInput("a return in a store names the store", field="store")
    if request.received and not request.store:
        raise InvalidInput("goods handed over in a store need the store", field="store")


def _checked_lines(order: Order, request: ReturnRequest, now: datetime) -> list[tuple[OrderLine, ReturnLineRequest]]:
    by_number = {line.line_number: line for line in order.lines.select_related("product")}
    facts = LineFacts(order)
    policy = policy_for(order.channel_id)
    chosen = []
    for index, wanted in enumerate(request.lines):
        line = by_number.get(wanted.line_number)
        if line is None:
            raise InvalidInput(f"order has no line {wanted.line_number}", field=f"lines[{index}].line")
        candidate = facts.candidate(line, quantity=wanted.quantity, condition=wanted.condition)
        check_return_line(policy, candidate, now=now, field=f"lines[{index}]")
        chosen.append((line, wanted))
    return chosen


def _store(request: ReturnRequest) -> Location | None:
    if not request.store:
        return None
    store = Location.objects.filter(code=request.store, active=True).first()
    if store is None:
        raise UnknownLocation(f"unknown location {request.store!r}", field="store")
    return store


def _record_created(
    return_request: Return, lines: list[tuple[OrderLine, ReturnLineRequest]], *, actor: str, now: datetime
) -> None:
    data = {
        "source": return_request.source,
        "lines": [
            {"line": line.line_number, "quantity": wanted.quantity, "reason": wanted.reason} for line, wanted in lines
        ],
    }
    record_return_events(
        return_request,
        [EventDraft(OrderEventType.RETURN_CREATED, data)],
        actor=actor,
        at=now,
        topic="return.created",
        payload=data,
    )
