"""Claimed work that leaves the store after its promise counts against the store's reliability."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from crossdock.db.models import OfferOutcome
from crossdock.domain.offers import Outcome
from crossdock.services.reliability.config import reliability_settings
from crossdock.services.reliability.refresh import refresh_reliability


def record_sla_miss(fulfilment_id: int, *, now: datetime) -> bool:
    """Call when the store ships the fulfilment (or makes it ready for pickup), inside that step's transaction,
    after its other writes. If the store claimed it as an offer and `now` is past the promise — the claim time
    plus `sla_hours` of CROSSDOCK_RELIABILITY — an `sla_missed` outcome is written and the store's score
    refreshed. Work that was assigned rather than claimed has no promise here; a second call writes nothing.
    Returns whether a miss was recorded. Raises ImproperlyConfigured (an invalid CROSSDOCK_RELIABILITY)."""
    claimed = OfferOutcome.objects.filter(fulfilment_id=fulfilment_id, outcome=Outcome.CLAIMED).order_by("pk").first()
    if claimed is None or now <= reliability_settings().sla_deadline(claimed.decided_at):
        return False
    with transaction.atomic():
        if OfferOutcome.objects.filter(fulfilment_id=fulfilment_id, outcome=Outcome.SLA_MISSED).exists():
            return False
        OfferOutcome.objects.create(
            location_id=claimed.location_id,
            order_id=claimed.order_id,
            fulfilment_id=fulfilment_id,
            outcome=Outcome.SLA_MISSED,
            latency_seconds=claimed.latency_seconds,  # the claim's: the miss is a verdict on the same offer
            offered_at=claimed.offered_at,
            decided_at=now,
        )
        refresh_reliability([claimed.location_id], now=now)
    return True
