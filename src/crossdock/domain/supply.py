"""Supply: stock on its way — purchase orders from suppliers, transfers between locations.

A line's units are `open` until received or cancelled. Waiting lines (backorders, pre-orders) can be promised
units of a line: the line's `promised` units are min(open, units of the waiting lines assigned to
it) — so a receipt covers the promises first — and the rest are `free` to promise. Units count as
`in transit` once the supply is dispatched, as `on order` before.

Cancelling: a supply, or units of one of its lines, can be cancelled while nothing of it is on its way —
before it is dispatched (it may have been partly received already). Units on their way are received.
A supply whose open units are all cancelled is `received` if some units came, `cancelled` if none did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from crossdock.domain.errors import DuplicateLine, IllegalTransition, InvalidInput, ReceiptExceedsOpen


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
    _S.OPEN: frozenset({_S.IN_TRANSIT, _S.PARTIALLY_RECEIVED, _S.RECEIVED, _S.CANCELLED}),  # all cancelled: cancelled
    _S.IN_TRANSIT: frozenset({_S.PARTIALLY_RECEIVED, _S.RECEIVED}),
    _S.PARTIALLY_RECEIVED: frozenset({_S.PARTIALLY_RECEIVED, _S.RECEIVED}),
    _S.RECEIVED: frozenset(),
    _S.CANCELLED: frozenset(),
}
RECEIVABLE = frozenset({_S.OPEN, _S.IN_TRANSIT, _S.PARTIALLY_RECEIVED})
CANCELLABLE = frozenset({_S.OPEN, _S.PARTIALLY_RECEIVED})  # and never dispatched: see check_cancellable


@dataclass(frozen=True, slots=True)
class SupplyLineLevel:
    quantity: int
    received: int = 0
    cancelled: int = 0

    @property
    def open(self) -> int:
        return self.quantity - self.received - self.cancelled

    def receive(self, quantity: int, *, field: str) -> SupplyLineLevel:
        if quantity <= 0:
            raise InvalidInput("a received quantity must be positive", field=field)
        if quantity > self.open:
            raise ReceiptExceedsOpen(f"{quantity} received, only {self.open} still open on this line", field=field)
        return SupplyLineLevel(self.quantity, self.received + quantity, self.cancelled)

    def cancel(self, quantity: int | None, *, field: str) -> SupplyLineLevel:
        """Cancel `quantity` open units (None: every open unit). Raises InvalidInput."""
        units = self.open if quantity is None else quantity
        if quantity is not None and quantity <= 0:
            raise InvalidInput("a cancelled quantity must be positive", field=field)
        if units > self.open or units == 0:
            raise InvalidInput(f"{units} to cancel, {self.open} still open on this line", field=field)
        return SupplyLineLevel(self.quantity, self.received, self.cancelled + units)


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


def check_cancellable(status: SupplyStatus, *, dispatched: bool, field: str) -> None:
    """Raise IllegalTransition unless units of the supply may be cancelled: it is open or partly received,
    and was never dispatched (units on their way are received, not cancelled)."""
    if status not in CANCELLABLE:
        raise IllegalTransition(f"a supply that is {status} cannot be cancelled", field=field)
    if dispatched:
        raise IllegalTransition("the supply has been dispatched: its units are on their way", field=field)


def status_after_cancel(levels: list[SupplyLineLevel], current: SupplyStatus) -> SupplyStatus:
    """The status once some units are cancelled: unchanged while units are still open; otherwise received if
    any unit came, cancelled if none did."""
    if any(level.open for level in levels):
        return current
    return SupplyStatus.RECEIVED if any(level.received for level in levels) else SupplyStatus.CANCELLED


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


def lost_promises(promised: list[tuple[int, int, int]], open_units: Mapping[int, int]) -> dict[int, int]:
    """Units each waiting row loses when its supply line no longer has them open (cancelled units).

    `promised`: (waiting row, supply line, units) in serving order; `open_units`: what each supply line still
    has open (a line not listed has nothing). The rows served first keep their units."""
    left = dict(open_units)
    lost: dict[int, int] = {}
    for row, line, units in promised:
        kept = min(units, left.get(line, 0))
        left[line] = left.get(line, 0) - kept
        if units > kept:
            lost[row] = units - kept
    return lost


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
