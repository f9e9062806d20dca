"""Supply: stock on its way — purchase orders from suppliers, transfers between locations.

A line's units are `open` until received. Waiting lines (backorders, pre-orders) can be promised
units of a line: the line's `promised` units are min(open, units of the waiting lines assigned to
it) — so a receipt covers the promises first — and the rest are `free` to promise. Units count as
`in transit` once the supply is dispatched, as `on order` before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from crossdock.domain.errors import DuplicateLine, InvalidInput, ReceiptExceedsOpen


class SupplyKind(StrEnum):
    PURCHASE_ORDER = "purchase_order"
    TRANSFER = "transfer"


class SupplyStatus(StrEnum):
    OPEN = "open"  # ordered, not yet on its way
    IN_TRANSIT = "in_transit"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"


_S = SupplyStatus
SUPPLY_TRANSITIONS: dict[SupplyStatus, frozenset[SupplyStatus]] = {
    _S.OPEN: frozenset({_S.IN_TRANSIT, _S.PARTIALLY_RECEIVED, _S.RECEIVED, _S.CANCELLED}),
    _S.IN_TRANSIT: frozenset({_S.PARTIALLY_RECEIVED, _S.RECEIVED}),
    _S.PARTIALLY_RECEIVED: frozenset({_S.PARTIALLY_RECEIVED, _S.RECEIVED}),
    _S.RECEIVED: frozenset(),
    _S.CANCELLED: frozenset(),
}
RECEIVABLE = frozenset({_S.OPEN, _S.IN_TRANSIT, _S.PARTIALLY_RECEIVED})


@dataclass(frozen=True, slots=True)
class SupplyLineLevel:
    quantity: int
    received: int = 0

    @property
    def open(self) -> int:
        return self.quantity - self.received

    def receive(self, quantity: int, *, field: str) -> SupplyLineLevel:
        if quantity <= 0:
            raise InvalidInput("a received quantity must be positive", field=field)
        if quantity > self.open:
            raise ReceiptExceedsOpen(f"{quantity} received, only {self.open} still open on this line", field=field)
        return SupplyLineLevel(self.quantity, self.received + quantity)


def promised(open_units: int, assigned: int) -> int:
    """Open units promised to the waiting lines assigned to a supply line."""
    return min(open_units, assigned)


def free(open_units: int, assigned: int) -> int:
    """Open units nobody has been promised yet."""
    return max(0, open_units - assigned)


def queued(waiting: int, lines: list[tuple[int, int]]) -> int:
    """Units waiting lines are owed that no open supply will bring: they have first claim on on-hand.
    `lines`: (open, assigned) per supply line of the SKU."""
    return max(0, waiting - sum(promised(open_units, assigned) for open_units, assigned in lines))


def status_after_receipt(levels: list[SupplyLineLevel]) -> SupplyStatus:
    return SupplyStatus.RECEIVED if all(level.open == 0 for level in levels) else SupplyStatus.PARTIALLY_RECEIVED


def check_supply_lines(lines: list[tuple[str, int]], *, name: str = "lines") -> None:
    """(sku, quantity) pairs: at least one, quantities positive, each SKU once."""
    if not lines:
        raise InvalidInput("at least one line is needed", field=name)
    seen: set[str] = set()
    for index, (sku, quantity) in enumerate(lines):
        if quantity <= 0:
            raise InvalidInput("quantity must be a positive integer", field=f"{name}[{index}].quantity")
        if sku in seen:
            raise DuplicateLine(f"sku {sku} is listed twice", field=f"{name}[{index}].sku")
        seen.add(sku)


@dataclass(frozen=True, slots=True)
class Arrival:
    location_id: int
    eta: date | None
    free: int


def arriving_by(arrivals: list[Arrival], day: date) -> dict[int, int]:
    """Free units arriving at each location on or before `day` (supply without an ETA never counts)."""
    totals: dict[int, int] = {}
    for arrival in arrivals:
        if arrival.eta is not None and arrival.eta <= day and arrival.free:
            totals[arrival.location_id] = totals.get(arrival.location_id, 0) + arrival.free
    return totals


def next_promise(arrivals: list[Arrival], quantity: int) -> date | None:
    """The earliest ETA by which free supply covers `quantity` units (None: supply never does)."""
    covered = 0
    for arrival in sorted((a for a in arrivals if a.eta is not None), key=lambda a: a.eta or date.max):
        covered += arrival.free
        if covered >= quantity:
            return arrival.eta
    return None
