"""What happens to a new order once its rows are written, in place_order's transaction:
fraud screening, the first authorisation, and a capture if the channel captures at placement."""

from __future__ import annotations

from datetime import datetime

from crossdock.db.models import Order
from crossdock.domain.holds import HoldKind
from crossdock.services.holds.fraud import fraud_hits
from crossdock.services.holds.place_hold import put_on_hold
from crossdock.services.orders.commands import PaymentDetails
from crossdock.services.payments.placement import authorise_new_order
from crossdock.services.payments.settle import settle_payments


def check_new_order(order: Order, payment: PaymentDetails | None, *, actor: str, now: datetime) -> None:
    """Screen, authorise, capture if due. Raises InvalidInput for bad payment details (nothing is written)."""
    hits = fraud_hits(order, now=now)
    if hits:
        rules = [{"code": hit.code, "kind": hit.kind, "explanation": hit.explanation} for hit in hits]
        reason = "; ".join(hit.explanation for hit in hits)
        put_on_hold(order, kind=HoldKind.FRAUD, reason=reason, actor=actor, now=now, rules=rules)
    if payment is None:
        return
    authorise_new_order(order, payment, actor=actor, now=now)
    settle_payments(order, actor=actor, now=now)
