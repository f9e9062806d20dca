"""What of an order has left its locations: units shipped or handed over, per line, and when."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from crossdock.db.models import FulfilmentLine
from crossdock.domain.fulfilment import FulfilmentStatus

COMPLETE = (FulfilmentStatus.SHIPPED, FulfilmentStatus.COLLECTED)


def fulfilled_units(order_id: int) -> dict[int, int]:
    """Order line id → units shipped or collected."""
    units: dict[int, int] = defaultdict(int)
    for line_id, quantity in FulfilmentLine.objects.filter(
        fulfilment__order_id=order_id, fulfilment__status__in=COMPLETE
    ).values_list("order_line_id", "quantity"):
        units[line_id] += quantity
    return dict(units)


def fulfilled_dates(order_id: int) -> dict[int, datetime]:
    """Order line id → when its latest units were shipped or collected (the return window starts there)."""
    dates: dict[int, datetime] = {}
    for line_id, at in FulfilmentLine.objects.filter(
        fulfilment__order_id=order_id, fulfilment__status__in=COMPLETE
    ).values_list("order_line_id", "fulfilment__updated_at"):
        dates[line_id] = max(at, dates.get(line_id, at))
    return dates
