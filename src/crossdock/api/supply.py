"""Supply (purchase orders, transfers), receipts, future availability, delta feeds and network visibility."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Status

from crossdock.api.auth import caller, scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.common import Code
from crossdock.api.schemas.supply import (
    DeltasIn,
    DeltasOut,
    EtaIn,
    FutureOut,
    NetworkOut,
    ReceiptIn,
    ReceiptOut,
    SupplyCancelIn,
    SupplyIn,
    SupplyLineCancelIn,
    SupplyOut,
)
from crossdock.services.inventory.apply_deltas import DeltaResult, StockDelta, apply_deltas
from crossdock.services.inventory.network import NetworkPicture, network_picture
from crossdock.services.supply.cancel_supply import cancel_supply, cancel_supply_line
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.dispatch_supply import dispatch_supply
from crossdock.services.supply.future import FutureAvailability, future_availability
from crossdock.services.supply.queries import SupplyView, get_supply
from crossdock.services.supply.receive_supply import ReceiptResult, receive_supply
from crossdock.services.supply.update_eta import set_supply_eta

router = Router(tags=["supply"])


@router.post("/supplies", auth=scoped("inventory:write"), response={201: SupplyOut, **ERRORS})
def post_supply(request: HttpRequest, payload: SupplyIn) -> Status[SupplyView]:
    """Record a purchase order or a transfer with its lines and ETA."""
    supply_id = create_supply(
        SupplyRequest(
            kind=payload.kind,
            reference=payload.reference,
            destination=payload.destination,
            source=payload.source,
            supplier=payload.supplier,
            eta=payload.eta,
            lines=[(line.sku, line.quantity) for line in payload.lines],
        )
    )
    return Status(201, get_supply(supply_id))


@router.get("/supplies/{int:supply_id}", auth=scoped("inventory:read"), response={200: SupplyOut, **ERRORS})
def read_supply(request: HttpRequest, supply_id: int) -> SupplyView:
    return get_supply(supply_id)


@router.post("/supplies/{int:supply_id}/dispatch", auth=scoped("inventory:write"), response={200: SupplyOut, **ERRORS})
def dispatch(request: HttpRequest, supply_id: int) -> SupplyView:
    """The supply is on its way; a transfer's units leave the source now."""
    dispatch_supply(supply_id)
    return get_supply(supply_id)


@router.post("/supplies/{int:supply_id}/receipts", auth=scoped("inventory:write"), response={200: ReceiptOut, **ERRORS})
def receipt(request: HttpRequest, supply_id: int, payload: ReceiptIn) -> ReceiptResult:
    """Book a (partial) delivery in: on-hand rises at the destination. More than a line has open is refused."""
    lines = [(line.sku, line.quantity) for line in payload.lines]
    return receive_supply(supply_id, payload.reference, lines, actor=caller(request).actor)


@router.post("/supplies/{int:supply_id}/cancel", auth=scoped("inventory:write"), response={200: SupplyOut, **ERRORS})
def cancel(request: HttpRequest, supply_id: int, payload: SupplyCancelIn) -> SupplyView:
    """Every open unit will not come (before the supply is dispatched). Waiting lines promised from it are
    promised again from other supply; their orders hear of it."""
    cancel_supply(supply_id, reason=payload.reason, actor=caller(request).actor)
    return get_supply(supply_id)


@router.post(
    "/supplies/{int:supply_id}/lines/{sku}/cancel",
    auth=scoped("inventory:write"),
    response={200: SupplyOut, **ERRORS},
)
def cancel_line(request: HttpRequest, supply_id: int, sku: str, payload: SupplyLineCancelIn) -> SupplyView:
    """Some or all open units of one line will not come; promises move as for a cancelled supply."""
    cancel_supply_line(supply_id, sku, payload.quantity, reason=payload.reason, actor=caller(request).actor)
    return get_supply(supply_id)


@router.put("/supplies/{int:supply_id}/eta", auth=scoped("inventory:write"), response={200: SupplyOut, **ERRORS})
def put_eta(request: HttpRequest, supply_id: int, payload: EtaIn) -> SupplyView:
    """A new expected date; the promise dates of the waiting lines it serves move with it."""
    set_supply_eta(supply_id, payload.eta, actor=caller(request).actor)
    return get_supply(supply_id)


@router.get("/availability/{sku}/future", auth=scoped("inventory:read"), response={200: FutureOut, **ERRORS})
def future(request: HttpRequest, sku: str, available_on: date, channel: Code | None = None) -> FutureAvailability:
    """Sellable now plus free supply arriving by `available_on`, per location and in total."""
    return future_availability(sku, on=available_on, channel=channel)


@router.get("/inventory/network/{sku}", auth=scoped("inventory:read"), response={200: NetworkOut, **ERRORS})
def network(request: HttpRequest, sku: str) -> NetworkPicture:
    """On hand, reserved, available, in transit, on order and pre-orderable, per location and in total."""
    return network_picture(sku)


@router.post("/inventory/deltas", auth=scoped("inventory:write"), response={200: DeltasOut, **ERRORS})
def deltas(request: HttpRequest, payload: DeltasIn) -> DeltaResult:
    """Relative movements for one location; all or none. Older sequences are refused, a replay changes nothing."""
    return apply_deltas(
        payload.location,
        payload.sequence,
        [StockDelta(d.sku, d.delta) for d in payload.deltas],
        actor=caller(request).actor,
    )
