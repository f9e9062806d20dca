"""What an order's lines offer for returns: units fulfilled, already on returns, and since when."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from crossdock.db.models import Order, OrderLine, ReturnLine
from crossdock.domain.returns import LIVE_RETURN_STATUSES, SETTLED_RETURN_STATUSES, Condition, ReturnCandidate
from crossdock.services.orders.fulfilled import fulfilled_dates, fulfilled_units


def on_returns(
    order: Order, *, statuses: frozenset[str] = LIVE_RETURN_STATUSES, exclude: int | None = None
) -> dict[int, int]:
    """Order line id → units on the order's returns in `statuses` (all but cancelled ones by default)."""
    units: dict[int, int] = defaultdict(int)
    rows = ReturnLine.objects.filter(return_request__order=order, return_request__status__in=statuses)
    if exclude is not None:
        rows = rows.exclude(return_request_id=exclude)
    for line_id, quantity in rows.values_list("order_line_id", "quantity"):
        units[line_id] += quantity
    return dict(units)


def settled_units(order: Order, *, exclude: int) -> dict[int, int]:
    """Order line id → units whose refund is settled on other returns (they come first in the line's sequence)."""
    return on_returns(order, statuses=SETTLED_RETURN_STATUSES, exclude=exclude)


class LineFacts:
    """The return-side facts of every line of one order, read once."""

    def __init__(self, order: Order) -> None:
        self.fulfilled = fulfilled_units(order.pk)
        self.dates: dict[int, datetime] = fulfilled_dates(order.pk)
        self.returned = on_returns(order)

    def candidate(self, line: OrderLine, *, quantity: int, condition: Condition) -> ReturnCandidate:
        return ReturnCandidate(
            sku=line.sku,
            category=line.product.category,
            quantity=quantity,
            condition=condition,
            fulfilled_quantity=self.fulfilled.get(line.pk, 0),
            already_returned=self.returned.get(line.pk, 0),
            fulfilled_at=self.dates.get(line.pk),
        )
