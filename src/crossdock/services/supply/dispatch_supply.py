"""Supply leaves: a transfer takes its units off the source's on-hand; a purchase order is shipped (ASN)."""

from __future__ import annotations

from django.db import transaction

from crossdock.db.models import Supply
from crossdock.domain.errors import NotFound
from crossdock.domain.supply import SUPPLY_TRANSITIONS, SupplyKind, SupplyStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.supply.stock_moves import take_on_hand


def dispatch_supply(supply_id: int) -> None:
    """Mark the supply in transit. A transfer's units leave the source now (they are in transit until
    received). Raises NotFound, IllegalTransition (not open), InsufficientStock (source cannot spare them)."""
    now = clock.now()
    with transaction.atomic():
        supply = lock_supply(supply_id)
        supply.status = check_transition(
            SUPPLY_TRANSITIONS, SupplyStatus(supply.status), SupplyStatus.IN_TRANSIT, field="supply_id"
        )
        if supply.kind == SupplyKind.TRANSFER and supply.source_id is not None:
            lines = list(supply.lines.values_list("product_id", "quantity", "sku"))
            take_on_hand(supply.source_id, {p: q for p, q, _ in lines}, {p: s for p, _, s in lines}, now)
        supply.dispatched_at = supply.updated_at = now
        supply.save(update_fields=["status", "dispatched_at", "updated_at"])


def lock_supply(supply_id: int) -> Supply:
    supply = Supply.objects.select_for_update().filter(pk=supply_id).first()
    if supply is None:
        raise NotFound(f"supply {supply_id} does not exist", field="supply_id")
    return supply
