"""What the racing processes do in the after-sales races, through the services (and a stand-in claim)."""

from __future__ import annotations

from django.db import transaction

from crossdock.db.models import FulfilmentOrder
from crossdock.domain.fulfilment import FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.returns import ReturnReason
from crossdock.domain.transitions import check_transition
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.returns.commands import ReturnLineRequest, ReturnRequest
from crossdock.services.returns.create_return import create_return
from crossdock.services.returns.refund_return import refund_return


def refund(return_id: int) -> None:
    refund_return(return_id, actor="cs:racer")


def cancel(order_id: int) -> None:
    cancel_order(order_id, reason="customer changed their mind", actor="cs:racer")


def claim(order_id: int) -> None:
    """A store claims the order's fulfilment: the claimed transition under the fulfilment's row lock."""
    with transaction.atomic():
        fulfilment = FulfilmentOrder.objects.select_for_update().get(order_id=order_id)
        fulfilment.status = check_transition(
            FULFILMENT_TRANSITIONS, FulfilmentStatus(fulfilment.status), FulfilmentStatus.CLAIMED
        )
        fulfilment.save(update_fields=["status"])


def return_two(order_id: int) -> None:
    create_return(ReturnRequest(order_id, [ReturnLineRequest(1, 2, ReturnReason.DOES_NOT_FIT)]), actor="web:racer")
