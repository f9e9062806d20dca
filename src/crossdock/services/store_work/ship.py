"""Ship a packed fulfilment with a carrier and tracking number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import Shipment
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import check_tracking
from crossdock.services import clock
from crossdock.services.orders.departures import record_departure
from crossdock.services.orders.fulfilment import consume_reserved, settle_fulfilled_lines
from crossdock.services.orders.transfers import is_transfer, record_transfer_departure
from crossdock.services.payments.settle import settle_payments
from crossdock.services.reliability.sla import record_sla_miss
from crossdock.services.store_work.access import Work, locate, lock_work, move
from crossdock.services.store_work.results import StepResult, result_of

# Shipped to the customer, or (ship to store) on its way to or received at the pickup store.
_SENT = (FulfilmentStatus.SHIPPED, FulfilmentStatus.IN_TRANSIT, FulfilmentStatus.RECEIVED)


@dataclass(frozen=True, slots=True)
class ShipRequest:
    carrier: str
    tracking_number: str


def ship_fulfilment(fulfilment_id: int, request: ShipRequest, *, scope: StaffScope) -> StepResult:
    """Ship: its units leave the store's on-hand, lines and order move on (partially shipped, completed),
    payment due at shipment is captured; claimed offer work shipped after its promise is recorded as an SLA
    miss of the store. Work shipped to a pickup store (ship to store) goes in transit instead: its units
    leave on-hand here, and the order waits for the pickup store to receive them. The same shipment again
    changes nothing.

    Raises PermissionDenied, NotFound, OrderOnHold, InvalidInput (carrier or tracking number missing),
    IllegalTransition (not packed yet, a pickup order, or already shipped under another tracking number).
    """
    carrier, tracking = check_tracking(request.carrier, request.tracking_number)
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located, with_stock=True)
        if work.status in _SENT:
            return _replay(work, tracking)
        _check_shippable(work)
        now = clock.now()
        move(work, FulfilmentStatus.IN_TRANSIT if is_transfer(work.fulfilment) else FulfilmentStatus.SHIPPED, now)
        Shipment.objects.create(
            fulfilment=work.fulfilment, carrier=carrier, tracking_number=tracking, actor=scope.actor, shipped_at=now
        )
        consume_reserved(work.lines, work.reservations)
        extra = {"carrier": carrier, "tracking_number": tracking}
        if is_transfer(work.fulfilment):
            record_transfer_departure(work.order, work.fulfilment, work.lines, actor=scope.actor, now=now, extra=extra)
        else:
            settle_fulfilled_lines(work.order, now)
            record_departure(work.order, work.fulfilment, work.lines, actor=scope.actor, now=now, extra=extra)
            settle_payments(work.order, actor=scope.actor, now=now)
        record_sla_miss(work.fulfilment.pk, now=now)  # claimed offer work shipped late counts against the store
        return result_of(work)


def _check_shippable(work: Work) -> None:
    if work.fulfilment.delivery_method != DeliveryMethod.SHIP:
        raise IllegalTransition("a pickup order is handed over at the counter, not shipped", field="fulfilment_id")
    if work.status in (FulfilmentStatus.ASSIGNED, FulfilmentStatus.CLAIMED, FulfilmentStatus.PICKING):
        raise IllegalTransition("pack the order before shipping it", field="fulfilment_id")
    if work.status != FulfilmentStatus.PACKED:
        raise IllegalTransition(f"this fulfilment is {work.status} and cannot be shipped", field="fulfilment_id")


def _replay(work: Work, tracking: str) -> StepResult:
    shipped = Shipment.objects.filter(fulfilment=work.fulfilment).values_list("tracking_number", flat=True).first()
    if shipped is not None and shipped != tracking:
        raise IllegalTransition(f"already shipped with tracking number {shipped}", field="tracking_number")
    return result_of(work, replayed=True)
