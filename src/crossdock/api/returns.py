"""Returns (RMA) and exchanges: open, check, receive anywhere, inspect, refund, cancel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.returns import (
    CancelReturnIn,
    ExchangeIn,
    ExchangeOut,
    InspectIn,
    ReceiveIn,
    ReturnIn,
    ReturnOut,
    VerdictOut,
)
from crossdock.domain.orders import Address, RequestedLine
from crossdock.services.orders.commands import PricedLine
from crossdock.services.returns.cancel_return import cancel_return
from crossdock.services.returns.commands import LineInspection, ReturnLineRequest, ReturnRequest
from crossdock.services.returns.create_return import Verdict, check_return, create_return
from crossdock.services.returns.exchange import ExchangeRequest, create_exchange
from crossdock.services.returns.inspect_return import inspect_return
from crossdock.services.returns.queries import ReturnView, get_return, list_returns
from crossdock.services.returns.receive_return import receive_return
from crossdock.services.returns.refund_return import refund_return

router = Router(tags=["returns"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 402: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/returns", auth=scoped("orders:write"), response={201: ReturnOut, **ERRORS})
def open_return(request: HttpRequest, payload: ReturnIn) -> Status[ReturnView]:
    """Open a return if the channel's policy allows it; 422 with the policy's answer if not."""
    return_id = create_return(_return_request(payload), actor=caller(request).actor)
    return Status(201, get_return(return_id))


@router.post("/returns/check", auth=scoped("orders:read"), response={200: VerdictOut, **ERRORS})
def check(request: HttpRequest, payload: ReturnIn) -> Verdict:
    """The return policy's answer for this request; nothing is written."""
    return check_return(_return_request(payload))


@router.get("/returns/{int:return_id}", auth=scoped("orders:read"), response={200: ReturnOut, **ERRORS})
def read_return(request: HttpRequest, return_id: int) -> ReturnView:
    return get_return(return_id)


@router.get("/orders/{int:order_id}/returns", auth=scoped("orders:read"), response={200: list[ReturnOut], **ERRORS})
def order_returns(request: HttpRequest, order_id: int) -> list[ReturnView]:
    return list_returns(order_id)


@router.post("/returns/{int:return_id}/receive", auth=scoped("orders:write"), response={200: ReturnOut, **ERRORS})
def receive(request: HttpRequest, return_id: int, payload: ReceiveIn) -> ReturnView:
    """The goods arrived at a warehouse or any store; receiving twice is 409."""
    receive_return(return_id, payload.location, actor=caller(request).actor)
    return get_return(return_id)


@router.post("/returns/{int:return_id}/inspect", auth=scoped("orders:write"), response={200: ReturnOut, **ERRORS})
def inspect(request: HttpRequest, return_id: int, payload: InspectIn) -> ReturnView:
    """Condition and disposition per line; restocked units go on hand where the return was received."""
    inspections = [LineInspection(i.line, i.condition, i.disposition, i.note) for i in payload.lines]
    inspect_return(return_id, inspections, actor=caller(request).actor)
    return get_return(return_id)


@router.post("/returns/{int:return_id}/refund", auth=scoped("orders:write"), response={200: ReturnOut, **ERRORS})
def refund(request: HttpRequest, return_id: int) -> ReturnView:
    """Refund the inspected return through the order's gateway, once (409 the second time)."""
    refund_return(return_id, actor=caller(request).actor)
    return get_return(return_id)


@router.post("/returns/{int:return_id}/cancel", auth=scoped("orders:write"), response={200: ReturnOut, **ERRORS})
def cancel(request: HttpRequest, return_id: int, payload: CancelReturnIn) -> ReturnView:
    cancel_return(return_id, reason=payload.reason, actor=caller(request).actor)
    return get_return(return_id)


@router.post("/exchanges", auth=scoped("orders:write"), response={201: ExchangeOut, **ERRORS})
def exchange(request: HttpRequest, payload: ExchangeIn) -> Status[dict[str, Any]]:
    """A return whose replacement goods are placed as a new order; the price difference is charged or refunded."""
    address = payload.shipping_address
    result = create_exchange(
        ExchangeRequest(
            return_request=_return_request(payload.returned),
            replacement=[
                PricedLine(RequestedLine(line.sku, line.quantity, line.delivery_method, line.location), line.unit_price)
                for line in payload.replacement
            ],
            shipping_address=Address(**address.model_dump()) if address else None,
        ),
        actor=caller(request).actor,
    )
    body = {
        "returned": get_return(result.return_id),
        "replacement_order_id": result.replacement_order_id,
        "credit": result.credit,
        "difference": result.difference,
    }
    return Status(201, body)


def _return_request(payload: ReturnIn) -> ReturnRequest:
    return ReturnRequest(
        order_id=payload.order_id,
        lines=[
            ReturnLineRequest(line.line, line.quantity, line.reason, line.condition, line.note)
            for line in payload.lines
        ],
        source=payload.source,
        store=payload.store,
        received=payload.received,
    )
