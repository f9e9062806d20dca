"""Cancel supply that will not come — a whole purchase order or transfer, or units of one of its lines — and
promise its waiting lines again from what still comes."""

from __future__ import annotations

from django.db import transaction

from crossdock.db.models import Supply, SupplyLine
from crossdock.domain.errors import NotFound
from crossdock.domain.supply import (
    SUPPLY_TRANSITIONS,
    SupplyLineLevel,
    SupplyStatus,
    check_cancellable,
    status_after_cancel,
)
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.supply.dispatch_supply import lock_supply
from crossdock.services.supply.open_supply import open_supply
from crossdock.services.waiting.lines import promised_on
from crossdock.services.waiting.promise_news import announce_new_promises
from crossdock.services.waiting.repromise import repromise_lost_units, waiting_on


def cancel_supply(supply_id: int, *, reason: str, actor: str) -> None:
    """Cancel every unit of the supply still open. Waiting lines promised from it are promised again from other
    free supply (or wait without a date); their orders get a PromiseChanged event.

    Raises NotFound, IllegalTransition (dispatched, received or cancelled already). Nothing written when it raises.
    """
    with transaction.atomic():
        supply = _cancellable(supply_id)
        _cancel(supply, {line.pk: None for line in supply.lines.all() if _open(line)}, reason=reason, actor=actor)


def cancel_supply_line(supply_id: int, sku: str, quantity: int | None, *, reason: str, actor: str) -> None:
    """Cancel `quantity` open units of the supply's line for `sku` (None: all of them), as cancel_supply does.

    Raises NotFound (supply, or a SKU not on it), IllegalTransition (dispatched, received or cancelled),
    InvalidInput (a quantity that is not positive or more than the line has open). Nothing written when it raises.
    """
    with transaction.atomic():
        supply = _cancellable(supply_id)
        line = supply.lines.filter(sku=sku).first()
        if line is None:
            raise NotFound(f"{sku} is not on supply {supply.reference}", field="sku")
        _cancel(supply, {line.pk: quantity}, reason=reason, actor=actor)


def _cancellable(supply_id: int) -> Supply:
    supply = lock_supply(supply_id)
    check_cancellable(SupplyStatus(supply.status), dispatched=supply.dispatched_at is not None, field="supply_id")
    return supply


def _cancel(supply: Supply, cancels: dict[int, int | None], *, reason: str, actor: str) -> None:
    """Lock order: supply row, then every open supply line of its SKUs in pk order (as pre-orders take them),
    then the waiting rows."""
    now = clock.now()
    lines = list(supply.lines.order_by("pk"))
    product_ids = {line.product_id for line in lines}
    open_supply(product_ids, lock=True)
    before = promised_on(waiting_on(cancels))
    levels = {line.pk: _level(line) for line in lines}
    for line in lines:
        if line.pk in cancels:
            levels[line.pk] = levels[line.pk].cancel(cancels[line.pk], field="quantity")
            line.cancelled_quantity = levels[line.pk].cancelled
    SupplyLine.objects.bulk_update([line for line in lines if line.pk in cancels], ["cancelled_quantity"])
    status = status_after_cancel(list(levels.values()), SupplyStatus(supply.status))
    if status != supply.status:
        supply.status = check_transition(SUPPLY_TRANSITIONS, SupplyStatus(supply.status), status, field="supply_id")
    supply.updated_at = now
    supply.save(update_fields=["status", "updated_at"])
    touched = repromise_lost_units(product_ids)
    why = f"{supply.kind} {supply.reference}: units cancelled" + (f" ({reason})" if reason else "")
    announce_new_promises(before, touched, reason=why, actor=actor, now=now)


def _level(line: SupplyLine) -> SupplyLineLevel:
    return SupplyLineLevel(line.quantity, line.received_quantity, line.cancelled_quantity)


def _open(line: SupplyLine) -> bool:
    return _level(line).open > 0
