"""Pack a picked fulfilment into parcels."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from crossdock.db.models import Parcel
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import PickIncomplete, StoreWorkEvent, check_parcels
from crossdock.services import clock
from crossdock.services.store_work.access import Work, locate, lock_work, move
from crossdock.services.store_work.pick_state import pick_states
from crossdock.services.store_work.results import StepResult, record_step, result_of


@dataclass(frozen=True, slots=True)
class PackRequest:
    weights_kg: list[Decimal | None]  # one entry per parcel


def pack_fulfilment(fulfilment_id: int, request: PackRequest, *, scope: StaffScope) -> StepResult:
    """Record the parcels and move the fulfilment to packed; packing again changes nothing.

    Raises PermissionDenied, NotFound, OrderOnHold, InvalidInput (no parcels, a shipped parcel without
    weight, a weight out of range), PickIncomplete (units left to pick), IllegalTransition (not picking).
    """
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located)
        if work.status == FulfilmentStatus.PACKED:
            return result_of(work, replayed=True)
        check_parcels(request.weights_kg, weight_required=work.fulfilment.delivery_method == DeliveryMethod.SHIP)
        pack(work, request.weights_kg, scope=scope)
        return result_of(work)


def pack(work: Work, weights_kg: list[Decimal | None], *, scope: StaffScope) -> None:
    """On locked work that is being picked and fully picked: parcels, the move to packed, its event."""
    if work.status != FulfilmentStatus.PICKING:
        raise IllegalTransition(_not_picking(work.status), field="fulfilment_id")
    left = sum(state.open for state in pick_states(work).values())
    if left:
        raise PickIncomplete(f"{left} unit{'s' if left > 1 else ''} still to pick (or report short)", field="parcels")
    now = clock.now()
    Parcel.objects.bulk_create(
        Parcel(fulfilment=work.fulfilment, number=number, weight_kg=weight)
        for number, weight in enumerate(weights_kg, start=1)
    )
    move(work, FulfilmentStatus.PACKED, now)
    total = sum((w for w in weights_kg if w is not None), Decimal(0))
    data = {"parcels": len(weights_kg), "weight_kg": str(total)}
    record_step(work, StoreWorkEvent.FULFILMENT_PACKED, data, actor=scope.actor, at=now, topic="fulfilment.packed")


def _not_picking(status: FulfilmentStatus) -> str:
    if status in (FulfilmentStatus.ASSIGNED, FulfilmentStatus.CLAIMED):
        return "pick the items before packing"
    return f"this fulfilment is {status.replace('_', ' ')} and cannot be packed"
