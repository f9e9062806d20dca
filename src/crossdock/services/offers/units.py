"""The units a round offered go back to the order lines as unallocated."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, OrderLine
from crossdock.domain.orders import LINE_TRANSITIONS, LineStatus
from crossdock.domain.transitions import check_transition


def offered_units(offered: Sequence[FulfilmentOrder]) -> dict[int, int]:
    """The units a round offers, order line id → quantity: the most any of its offers holds (every store was
    offered the same units; a stock count may have cut one store's offer short since)."""
    units: dict[int, int] = {}
    for line_id, quantity in FulfilmentLine.objects.filter(fulfilment__in=list(offered)).values_list(
        "order_line_id", "quantity"
    ):
        units[line_id] = max(units.get(line_id, 0), quantity)
    return units


def unallocate(units: dict[int, int]) -> None:
    for line in OrderLine.objects.filter(pk__in=units).order_by("pk"):
        status = LineStatus(line.status)
        if status != LineStatus.UNALLOCATED:
            status = check_transition(LINE_TRANSITIONS, status, LineStatus.UNALLOCATED)
        OrderLine.objects.filter(pk=line.pk).update(
            status=status, unallocated_quantity=F("unallocated_quantity") + units[line.pk]
        )
