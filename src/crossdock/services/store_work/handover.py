"""Hand a pickup order over at the counter, after checking the pickup code or the customer's name."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import PickupHandover
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.staff import StaffScope
from crossdock.domain.store_work import check_handover
from crossdock.services import clock
from crossdock.services.orders.departures import record_departure
from crossdock.services.orders.fulfilment import consume_reserved, settle_fulfilled_lines
from crossdock.services.payments.settle import settle_payments
from crossdock.services.store_work.access import Work, locate, lock_work, move
from crossdock.services.store_work.results import StepResult, result_of


@dataclass(frozen=True, slots=True)
class HandoverRequest:
    code: str = ""
    name: str = ""  # the customer's full name, when they have no code with them


def hand_over(fulfilment_id: int, request: HandoverRequest, *, scope: StaffScope) -> StepResult:
    """Collected: the units leave on-hand, lines and order move on, payment due is captured. A second
    click changes nothing.

    Raises PermissionDenied, NotFound, OrderOnHold, InvalidInput (neither code nor name),
    WrongPickupCode (code or name does not match), IllegalTransition (not ready for pickup).
    """
    located = locate(fulfilment_id, scope)
    with transaction.atomic():
        work = lock_work(located, with_stock=True)
        if work.status == FulfilmentStatus.COLLECTED:
            return result_of(work, replayed=True)
        if work.status != FulfilmentStatus.READY_FOR_PICKUP:
            raise IllegalTransition("mark the order ready for pickup before handing it over", field="fulfilment_id")
        pickup = PickupHandover.objects.select_for_update().get(fulfilment=work.fulfilment)
        names = [work.order.customer_name, (work.order.shipping_address or {}).get("name", "")]
        checked = check_handover(expected_code=pickup.code, customer_names=names, code=request.code, name=request.name)
        now = clock.now()
        move(work, FulfilmentStatus.COLLECTED, now)
        pickup.collected_at, pickup.handed_over_by, pickup.checked_by = now, scope.actor, checked
        pickup.save(update_fields=["collected_at", "handed_over_by", "checked_by"])
        _leave(work, actor=scope.actor, checked=checked)
        return result_of(work)


def _leave(work: Work, *, actor: str, checked: str) -> None:
    now = work.fulfilment.updated_at
    consume_reserved(work.lines, work.reservations)
    settle_fulfilled_lines(work.order, now)
    record_departure(work.order, work.fulfilment, work.lines, actor=actor, now=now, extra={"checked_by": checked})
    settle_payments(work.order, actor=actor, now=now)
