"""A supply's new expected date: what it promised moves with it."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from crossdock.domain.errors import IllegalTransition
from crossdock.domain.supply import RECEIVABLE, SupplyStatus
from crossdock.services import clock
from crossdock.services.supply.dispatch_supply import lock_supply
from crossdock.services.waiting.lines import promised_on
from crossdock.services.waiting.promise_news import announce_new_promises
from crossdock.services.waiting.repromise import redate_promises, waiting_on


def set_supply_eta(supply_id: int, eta: date | None, *, actor: str) -> None:
    """Set the supply's ETA (None: unknown). Waiting lines promised from it are promised for the new date
    (pre-orders never before their launch) and their orders get a PromiseChanged event; the same ETA again
    changes nothing. Raises NotFound, IllegalTransition (received or cancelled). Nothing written when it raises.
    """
    now = clock.now()
    with transaction.atomic():
        supply = lock_supply(supply_id)
        if SupplyStatus(supply.status) not in RECEIVABLE:
            raise IllegalTransition(f"a supply that is {supply.status} is due no more", field="supply_id")
        if supply.eta == eta:
            return
        line_ids = list(supply.lines.values_list("pk", flat=True))
        before = promised_on(waiting_on(line_ids))
        supply.eta, supply.updated_at = eta, now
        supply.save(update_fields=["eta", "updated_at"])
        touched = redate_promises(line_ids, eta)
        due = eta.isoformat() if eta else "without a date"
        announce_new_promises(
            before, touched, reason=f"{supply.kind} {supply.reference} now due {due}", actor=actor, now=now
        )
