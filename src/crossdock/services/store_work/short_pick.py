"""Report units of a pick list that are not on the shelf: the stock is corrected and they go back to routing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F

from crossdock.db import locks
from crossdock.db.models import FulfilmentLine, OrderLine, Reservation, ShortPick, StockPosition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import LINE_TRANSITIONS, LineStatus
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import NotOnPickList, StoreWorkEvent, check_short
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.inventory.shortages import release_shortages
from crossdock.services.store_work.access import Work, locate, lock_work, move
from crossdock.services.store_work.pick_state import line_of, pick_states, require_picking
from crossdock.services.store_work.rerouting import send_back_to_routing
from crossdock.services.store_work.results import StepResult, record_step, result_of
from crossdock.services.store_work.start_picking import ensure_picking


@dataclass(frozen=True, slots=True)
class ShortRequest:
    line_id: int
    missing: int
    reason: str = "not found on the shelf"


def short_pick(fulfilment_id: int, request: ShortRequest, *, scope: StaffScope) -> StepResult:
    """Take `missing` units off the line: the store's on-hand for the SKU drops by as many (a count
    correction), their reservation is released, the order line gets them back as unallocated, and the
    order goes back to routing. A fulfilment left empty is cancelled.

    Raises PermissionDenied, NotFound, OrderOnHold, NotOnPickList, InvalidInput (missing ≤ 0 or more
    than is left to pick), IllegalTransition (packed or later).
    """
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located, with_stock=True)
        ensure_picking(work, scope)
        require_picking(work)
        line = line_of(work, request.line_id)
        if line is None:
            raise NotOnPickList(f"line {request.line_id} is not on this pick list", field="line_id")
        check_short(pick_states(work)[line.pk], request.missing)
        now = clock.now()
        position_id = _correct_stock(work, line, request.missing, now)
        _unallocate(work, line, request.missing, now)
        ShortPick.objects.create(
            fulfilment=work.fulfilment,
            product=line.order_line.product,
            line_number=line.order_line.line_number,
            quantity=request.missing,
            actor=scope.actor,
            created_at=now,
        )
        data = {"line": line.order_line.line_number, "sku": line.order_line.sku, "missing": request.missing}
        work.fulfilment.refresh_from_db(fields=["status", "updated_at"])
        record_step(
            work,
            StoreWorkEvent.ITEM_SHORT_PICKED,
            data,
            actor=scope.actor,
            at=now,
            topic="fulfilment.short_picked",
            reason=request.reason.strip()[:500] or "not found on the shelf",
        )
        release_shortages([position_id], actor=scope.actor, now=now)  # the lower count may uncover others
        result = result_of(work)
    send_back_to_routing(located.order_id, actor=scope.actor, short_at=work.fulfilment.location_id)
    return result


def _correct_stock(work: Work, line: FulfilmentLine, missing: int, now: datetime) -> int:
    """Lower on-hand as a count would and give back this line's reservation of the missing units."""
    reservation = next(r for r in work.reservations if r.order_line_id == line.order_line_id)
    position = StockPosition.objects.get(pk=reservation.position_id)
    taken_from_shelf = min(missing, position.on_hand)
    StockPosition.objects.filter(pk=position.pk).update(on_hand=F("on_hand") - taken_from_shelf, updated_at=now)
    released = min(missing, reservation.quantity)
    locks.release_reserved(position.pk, released)
    if reservation.quantity == released:
        reservation.delete()
    else:
        Reservation.objects.filter(pk=reservation.pk).update(quantity=F("quantity") - released)
    return position.pk


def _unallocate(work: Work, line: FulfilmentLine, missing: int, now: datetime) -> None:
    if line.quantity == missing:
        line.delete()
        if not FulfilmentLine.objects.filter(fulfilment=work.fulfilment).exists():
            move(work, FulfilmentStatus.CANCELLED, now)  # this store is asked for nothing more
    else:
        FulfilmentLine.objects.filter(pk=line.pk).update(quantity=F("quantity") - missing)
    order_line = line.order_line
    status = LineStatus(order_line.status)
    if status != LineStatus.UNALLOCATED:
        status = check_transition(LINE_TRANSITIONS, status, LineStatus.UNALLOCATED, field="line_id")
    OrderLine.objects.filter(pk=order_line.pk).update(
        status=status, unallocated_quantity=F("unallocated_quantity") + missing
    )
