"""Confirm units of a pick list as found on the shelf: by scanning the barcode, or by a tap."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import FulfilmentLine, PickConfirmation
from crossdock.domain.errors import InvalidInput
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import NotOnPickList, PickMethod, StoreWorkEvent, check_pick
from crossdock.services import clock
from crossdock.services.store_work.access import Work, locate, lock_work
from crossdock.services.store_work.pick_state import line_of, pick_states, require_picking
from crossdock.services.store_work.results import record_step
from crossdock.services.store_work.start_picking import ensure_picking


@dataclass(frozen=True, slots=True)
class PickRequest:
    """Either a scanned `barcode` (a SKU typed in works too) or the `line_id` tapped."""

    barcode: str = ""
    line_id: int | None = None
    quantity: int = 1


@dataclass(frozen=True, slots=True)
class PickResult:
    fulfilment_id: int
    sku: str
    name: str
    picked: int
    quantity: int
    list_complete: bool


def confirm_pick(fulfilment_id: int, request: PickRequest, *, scope: StaffScope) -> PickResult:
    """Record units picked; an unstarted pick list starts. Nothing is written when refused.

    Raises PermissionDenied, NotFound, OrderOnHold, InvalidInput (neither barcode nor line, quantity ≤ 0),
    NotOnPickList (the barcode or line is not on this list), OverPick, IllegalTransition (packed or later).
    """
    method = _method(request)
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located)
        ensure_picking(work, scope)
        require_picking(work)
        line = _line(work, request)
        states = pick_states(work)
        field = "barcode" if method == PickMethod.SCAN else "line_id"
        check_pick(states[line.pk], request.quantity, field=field)
        now = clock.now()
        PickConfirmation.objects.create(
            fulfilment=work.fulfilment,
            fulfilment_line=line,
            quantity=request.quantity,
            method=method,
            actor=scope.actor,
            created_at=now,
        )
        work.fulfilment.updated_at = now
        work.fulfilment.save(update_fields=["updated_at"])
        product = line.order_line.product
        picked = states[line.pk].picked + request.quantity
        data = {"line": line.order_line.line_number, "sku": product.sku, "quantity": request.quantity}
        record_step(
            work,
            StoreWorkEvent.ITEM_PICKED,
            {**data, "method": method},
            actor=scope.actor,
            at=now,
            topic="fulfilment.item_picked",
        )
        complete = all(s.open == 0 for key, s in states.items() if key != line.pk) and picked == line.quantity
        return PickResult(fulfilment_id, product.sku, product.name, picked, line.quantity, complete)


def _method(request: PickRequest) -> PickMethod:
    if request.barcode.strip():
        return PickMethod.SCAN
    if request.line_id is not None:
        return PickMethod.TAP
    raise InvalidInput("scan a barcode or tap an item", field="barcode")


def _line(work: Work, request: PickRequest) -> FulfilmentLine:
    if request.barcode.strip():
        code = request.barcode.strip()
        for line in work.lines:
            product = line.order_line.product
            if code in (product.barcode, product.sku):
                return line
        raise NotOnPickList(f"barcode {code} is not on this pick list", field="barcode")
    tapped = line_of(work, request.line_id or 0)
    if tapped is None:
        raise NotOnPickList(f"line {request.line_id} is not on this pick list", field="line_id")
    return tapped
