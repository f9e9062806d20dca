"""The units a round offered go back to the order lines as unallocated."""

from __future__ import annotations

from django.db.models import F

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OrderLine
from crossdock.domain.orders import LINE_TRANSITIONS, LineStatus
from crossdock.domain.transitions import check_transition


def offered_units(fulfilment: FulfilmentOrder) -> dict[int, int]:
    """The units one offer holds (each store of a round was offered the same): order line id → quantity."""
    return dict(FulfilmentLine.objects.filter(fulfilment=fulfilment).values_list("order_line_id", "quantity"))


def unallocate(units: dict[int, int]) -> None:
    for line in OrderLine.objects.filter(pk__in=units).order_by("pk"):
        status = LineStatus(line.status)
        if status != LineStatus.UNALLOCATED:
            status = check_transition(LINE_TRANSITIONS, status, LineStatus.UNALLOCATED)
        OrderLine.objects.filter(pk=line.pk).update(
            status=status, unallocated_quantity=F("unallocated_quantity") + units[line.pk]
        )
