"""Which lines an edit touches, checked against the order as it stands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from crossdock.db.models import FulfilmentLine, Location, Order, OrderLine
from crossdock.domain.edits import EditedLine, LineChange, check_editable
from crossdock.domain.errors import AddressRequired, CapabilityMissing, DuplicateLine, InvalidInput, UnknownLocation
from crossdock.domain.fulfilment import FulfilmentStatus
from crossdock.domain.locations import Capability
from crossdock.domain.orders import OPEN_LINE_STATUSES, DeliveryMethod, LineStatus
from crossdock.services.orders.edits.commands import OrderEdit


@dataclass(frozen=True, slots=True)
class EditTarget:
    """The existing lines an edit releases and reserves again, and those it removes."""

    changed: dict[int, LineChange]  # line number → change
    moved: list[OrderLine]  # lines whose stock is released and allocated again
    removed: list[OrderLine]


def target_lines(order: Order, lines: list[OrderLine], edit: OrderEdit) -> EditTarget:
    """Raises InvalidInput (unknown line), EditRefused (a line already picked, shipped or cancelled)."""
    by_number = {line.line_number: line for line in lines}
    work = _work_of(lines)
    chosen: dict[int, str] = {}
    for index, change in enumerate(edit.changes):
        chosen[change.line_number] = f"lines[{index}]"
    for index, number in enumerate(edit.remove):
        chosen[number] = f"remove[{index}]"
    for number, field in chosen.items():
        line = by_number.get(number)
        if line is None:
            raise InvalidInput(f"order has no line {number}", field=field)
        check_editable(EditedLine(number, LineStatus(line.status), work[line.pk]), field=field)
    if edit.shipping_address is not None:
        for line in lines:
            open_line = line.status in OPEN_LINE_STATUSES
            if line.delivery_method == DeliveryMethod.SHIP and line.line_number not in chosen and open_line:
                edited = EditedLine(line.line_number, LineStatus(line.status), work[line.pk])
                check_editable(edited, field="shipping_address")
                chosen[line.line_number] = "shipping_address"
    removed = [by_number[n] for n in edit.remove]
    moved = [by_number[n] for n in chosen if n not in edit.remove]
    return EditTarget(changed={c.line_number: c for c in edit.changes}, moved=moved, removed=removed)


def _work_of(lines: list[OrderLine]) -> dict[int, tuple[tuple[int, str, FulfilmentStatus], ...]]:
    work: dict[int, list[tuple[int, str, FulfilmentStatus]]] = defaultdict(list)
    for line_id, fulfilment_id, code, status in FulfilmentLine.objects.filter(order_line__in=lines).values_list(
        "order_line_id", "fulfilment_id", "fulfilment__location__code", "fulfilment__status"
    ):
        work[line_id].append((fulfilment_id, code, FulfilmentStatus(status)))
    return {line.pk: tuple(work[line.pk]) for line in lines}


def new_store(change: LineChange, *, field: str) -> Location | None:
    """The store a changed delivery names, checked for the method. Raises InvalidInput, UnknownLocation,
    CapabilityMissing."""
    if change.delivery_method == DeliveryMethod.SHIP:
        if change.location is not None:
            raise InvalidInput("a shipped line takes no location", field=f"{field}.location")
        return None
    if change.location is None:
        raise InvalidInput("a pickup line needs the store's location code", field=f"{field}.location")
    store = Location.objects.filter(code=change.location, active=True).first()
    if store is None:
        raise UnknownLocation(f"unknown location {change.location!r}", field=f"{field}.location")
    if Capability.PICKUP not in store.capabilities:
        raise CapabilityMissing(f"{change.location} does not offer pickup", field=f"{field}.location")
    return store


def check_result(lines: list[OrderLine], *, has_address: bool) -> None:
    """The order after the edit: no duplicate line, an address for every shipped line."""
    seen: dict[tuple[str, str, int | None], int] = {}
    for line in lines:
        if line.status == LineStatus.CANCELLED:
            continue
        key = (line.sku, line.delivery_method, line.location_id)
        if key in seen:
            raise DuplicateLine(
                f"lines {seen[key]} and {line.line_number or 'new'} would both be {line.sku} by {line.delivery_method};"
                " change the quantity instead",
                field="add",
            )
        seen[key] = line.line_number
        if line.delivery_method == DeliveryMethod.SHIP and not has_address:
            raise AddressRequired("a shipped line needs a shipping address", field="shipping_address")
