"""Open supply per SKU: what is still to come, where, when, and how much of it is already promised."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Sum

from crossdock.db.models import SupplyLine, WaitingLine
from crossdock.domain.orders import SHORT_LINE_STATUSES
from crossdock.domain.supply import Arrival, SupplyStatus, free, promised
from crossdock.domain.waiting import WaitingStatus

OPEN_STATUSES = [SupplyStatus.OPEN, SupplyStatus.IN_TRANSIT, SupplyStatus.PARTIALLY_RECEIVED]


@dataclass(frozen=True, slots=True)
class OpenSupply:
    line_id: int
    product_id: int
    reference: str
    kind: str
    location_id: int
    location: str
    location_type: str
    eta: date | None
    dispatched: bool
    open: int
    assigned: int  # units of waiting lines promised from this line

    @property
    def promised(self) -> int:
        return promised(self.open, self.assigned)

    @property
    def free(self) -> int:
        return free(self.open, self.assigned)

    def arrival(self) -> Arrival:
        return Arrival(self.location_id, self.eta, self.free)


def open_supply(product_ids: Collection[int], *, lock: bool = False) -> dict[int, list[OpenSupply]]:
    """Open supply lines of the products, earliest ETA first (none last). With `lock`, the lines are
    taken FOR UPDATE in pk order: promises made against them are then exact."""
    lines = SupplyLine.objects.filter(
        product_id__in=list(product_ids),
        supply__status__in=OPEN_STATUSES,
        received_quantity__lt=F("quantity") - F("cancelled_quantity"),
    )
    if lock:
        lines = lines.select_for_update(of=("self",)).order_by("pk")
    rows = list(
        lines.values_list(
            "pk",
            "product_id",
            "supply__reference",
            "supply__kind",
            "supply__destination_id",
            "supply__destination__code",
            "supply__destination__type",
            "supply__eta",
            "supply__dispatched_at",
            "quantity",
            "received_quantity",
            "cancelled_quantity",
        )
    )
    assigned = _assigned([row[0] for row in rows])
    per_product: dict[int, list[OpenSupply]] = defaultdict(list)
    for pk, product_id, reference, kind, location_id, code, kind_of_location, eta, dispatched, *units in rows:
        quantity, received, cancelled = units
        per_product[product_id].append(
            OpenSupply(
                pk,
                product_id,
                reference,
                kind,
                location_id,
                code,
                kind_of_location,
                eta,
                dispatched is not None,
                quantity - received - cancelled,
                assigned.get(pk, 0),
            )
        )
    for supplies in per_product.values():
        supplies.sort(key=lambda s: (s.eta or date.max, s.line_id))
    return per_product


def _assigned(line_ids: list[int]) -> dict[int, int]:
    if not line_ids:
        return {}
    return dict(
        WaitingLine.objects.filter(
            supply_line_id__in=line_ids, status=WaitingStatus.WAITING, order_line__status__in=SHORT_LINE_STATUSES
        )
        .values("supply_line_id")
        .annotate(units=Sum("quantity"))
        .values_list("supply_line_id", "units")
    )
