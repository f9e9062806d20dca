"""The waiting units of one order line: their promise date, and giving some up when the customer cancels."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from django.db.models import F

from crossdock.db.models import WaitingLine
from crossdock.domain.waiting import WaitingStatus


def promised_on(order_line_ids: Collection[int]) -> dict[int, date | None]:
    """Per order line that has units waiting: the date its last waiting unit is promised for,
    None when some of them have no supply to come from (one query)."""
    found: dict[int, date | None] = {}
    rows = WaitingLine.objects.filter(order_line_id__in=list(order_line_ids), status=WaitingStatus.WAITING)
    for line_id, day in rows.values_list("order_line_id", "promise_date"):
        if line_id in found and found[line_id] is None:
            continue
        found[line_id] = None if day is None else max(day, found.get(line_id) or day)
    return found


def take_waiting_units(order_line_id: int, units: int, now: datetime) -> None:
    """The customer cancelled `units` of the line's waiting units: they leave the queue (and a pre-order
    window's count), the units promised last first — those without supply, then the latest ETA."""
    if units <= 0:
        return
    rows = list(
        WaitingLine.objects.select_for_update()
        .filter(order_line_id=order_line_id, status=WaitingStatus.WAITING)
        .order_by(F("promise_date").desc(nulls_first=True), "-id")
    )
    for row in rows:
        taken = min(units, row.quantity)
        row.quantity -= taken
        row.ordered_quantity -= taken
        if row.quantity == 0:
            row.status, row.released_at = WaitingStatus.CANCELLED, now
        row.save(update_fields=["quantity", "ordered_quantity", "status", "released_at"])
        units -= taken
        if units == 0:
            return
