"""Order edits before fulfilment starts: what may change, and the answer when it may not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crossdock.domain.errors import DomainError, InvalidInput
from crossdock.domain.fulfilment import NOT_STARTED, FulfilmentStatus
from crossdock.domain.orders import OPEN_LINE_STATUSES, DeliveryMethod, LineStatus


class EditRefused(DomainError):
    code = "edit_refused"
    status = 409


@dataclass(frozen=True, slots=True)
class LineChange:
    """A new quantity and/or a new delivery (method, store) for an existing line."""

    line_number: int
    quantity: int | None = None
    delivery_method: DeliveryMethod | None = None
    location: str | None = None

    @property
    def changes_delivery(self) -> bool:
        return self.delivery_method is not None


@dataclass(frozen=True, slots=True)
class EditedLine:
    """What edit checks need to know of an existing line."""

    line_number: int
    status: LineStatus
    fulfilment_statuses: tuple[tuple[int, str, FulfilmentStatus], ...]  # (fulfilment id, location code, status)


def check_changes(changes: Sequence[LineChange], removed: Sequence[int]) -> None:
    """Each line named once, with something to change. Raises InvalidInput."""
    seen: set[int] = set()
    for index, change in enumerate(changes):
        field = f"lines[{index}]"
        if change.line_number in seen or change.line_number in removed:
            raise InvalidInput(f"line {change.line_number} is named twice", field=f"{field}.line")
        if change.quantity is None and change.delivery_method is None:
            raise InvalidInput("give a new quantity or a new delivery", field=field)
        if change.quantity is not None and change.quantity <= 0:
            raise InvalidInput(
                "quantity must be a positive integer; remove the line instead", field=f"{field}.quantity"
            )
        if change.delivery_method == DeliveryMethod.CARRY_OUT:
            raise InvalidInput("carry-out happens at the till, not in an edit", field=f"{field}.delivery_method")
        seen.add(change.line_number)
    if len(set(removed)) != len(removed):
        raise InvalidInput("list each removed line once", field="remove")


def check_editable(line: EditedLine, *, field: str) -> None:
    """Raise EditRefused unless the line is open and none of its work has started."""
    if line.status not in OPEN_LINE_STATUSES:
        raise EditRefused(f"line {line.line_number} is {line.status} and can no longer change", field=field)
    for fulfilment_id, location, status in line.fulfilment_statuses:
        if status not in NOT_STARTED and status != FulfilmentStatus.CANCELLED:
            raise EditRefused(
                f"line {line.line_number} can no longer change: fulfilment {fulfilment_id} at {location} is {status}",
                field=field,
            )
