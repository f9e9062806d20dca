"""Book a delivery in: received units join the destination's on-hand and leave the supply's open quantity."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import Product, SupplyLine, SupplyReceipt
from crossdock.domain.errors import InvalidInput, UnknownSku
from crossdock.domain.supply import (
    RECEIVABLE,
    SUPPLY_TRANSITIONS,
    SupplyLineLevel,
    SupplyStatus,
    check_supply_lines,
    status_after_receipt,
)
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.supply.dispatch_supply import lock_supply
from crossdock.services.supply.stock_moves import add_on_hand


@dataclass(frozen=True, slots=True)
class ReceiptResult:
    supply_id: int
    reference: str
    duplicate: bool
    status: str


def receive_supply(supply_id: int, reference: str, lines: list[tuple[str, int]], *, actor: str) -> ReceiptResult:
    """Receive (sku, quantity) lines, partially or in full. The same receipt reference again changes nothing.

    Received units first cover what was promised to waiting backorders and pre-orders: the queue keeps
    new orders off them until the worker has allocated those lines.
    Raises NotFound, InvalidInput (no reference, bad lines, a SKU not on the supply),
    UnknownSku, IllegalTransition (received or cancelled already), ReceiptExceedsOpen (more than the
    line still has open). Nothing is written when it raises.
    """
    if not reference.strip():
        raise InvalidInput("a receipt needs a reference", field="reference")
    check_supply_lines(lines)
    _known_skus(lines)
    now = clock.now()
    with transaction.atomic():
        supply = lock_supply(supply_id)
        if supply.receipts.filter(reference=reference).exists():
            return ReceiptResult(supply.pk, reference, duplicate=True, status=supply.status)
        if SupplyStatus(supply.status) not in RECEIVABLE:
            check_transition(SUPPLY_TRANSITIONS, SupplyStatus(supply.status), SupplyStatus.RECEIVED, field="supply_id")
        supply_lines = {line.sku: line for line in supply.lines.all()}
        levels = _receive_lines(supply_lines, lines)
        add_on_hand(supply.destination_id, {supply_lines[sku].product_id: qty for sku, qty in lines}, now)
        supply.status = status_after_receipt(list(levels.values()))
        supply.updated_at = now
        supply.save(update_fields=["status", "updated_at"])
        SupplyReceipt.objects.create(
            supply=supply,
            reference=reference,
            lines=[{"sku": sku, "quantity": qty} for sku, qty in lines],
            received_by=actor,
            received_at=now,
        )
    return ReceiptResult(supply.pk, reference, duplicate=False, status=supply.status)


def _known_skus(lines: list[tuple[str, int]]) -> None:
    known = set(Product.objects.filter(sku__in={sku for sku, _ in lines}).values_list("sku", flat=True))
    for index, (sku, _) in enumerate(lines):
        if sku not in known:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"lines[{index}].sku")


def _receive_lines(supply_lines: dict[str, SupplyLine], lines: list[tuple[str, int]]) -> dict[str, SupplyLineLevel]:
    levels = {
        sku: SupplyLineLevel(line.quantity, line.received_quantity, line.cancelled_quantity)
        for sku, line in supply_lines.items()
    }
    for index, (sku, quantity) in enumerate(lines):
        if sku not in supply_lines:
            raise InvalidInput(f"{sku} is not on this supply", field=f"lines[{index}].sku")
        levels[sku] = levels[sku].receive(quantity, field=f"lines[{index}].quantity")
        supply_lines[sku].received_quantity = levels[sku].received
    SupplyLine.objects.bulk_update(list(supply_lines.values()), ["received_quantity"])
    return levels
