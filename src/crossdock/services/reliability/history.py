"""A location's offer history, as the reliability score reads it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from crossdock.db.models import FulfilmentOrder, OfferOutcome
from crossdock.domain.offers import Outcome
from crossdock.domain.reliability import Observation

_SCORED = ("location_id", "fulfilment_id", "outcome", "reason", "latency_seconds", "decided_at")


def load_history(
    location_ids: Sequence[int], *, since: datetime, skip: Collection[str] = (), detailed: bool = False
) -> dict[int, list[Observation]]:
    """Location id → its outcomes decided at or after `since`, oldest first, without the outcomes in `skip`
    (e.g. `withdrawn` while it weighs nothing: most rows of a store's history). `detailed` adds the order and
    the offer time, for people to read. Two queries."""
    outcomes = OfferOutcome.objects.filter(location_id__in=list(location_ids), decided_at__gte=since)
    if skip:
        outcomes = outcomes.exclude(outcome__in=list(skip))
    columns = (*_SCORED, "order_id", "offered_at") if detailed else _SCORED
    rows = list(outcomes.order_by("decided_at", "pk").values_list(*columns))
    timeouts = _claim_timeouts([row[1] for row in rows if row[2] == Outcome.CLAIMED])
    history: dict[int, list[Observation]] = {location_id: [] for location_id in location_ids}
    for location_id, fulfilment_id, outcome, reason, latency, decided_at, *details in rows:
        history[location_id].append(
            Observation(
                fulfilment_id=fulfilment_id,
                outcome=outcome,
                decided_at=decided_at,
                reason=reason,
                latency_seconds=latency,
                claim_timeout_seconds=timeouts.get(fulfilment_id),
                order_id=details[0] if details else 0,
                offered_at=details[1] if details else None,
            )
        )
    return history


def _claim_timeouts(fulfilment_ids: list[int]) -> dict[int, float]:
    """The claim timeout of the round each claimed fulfilment answered."""
    if not fulfilment_ids:
        return {}
    found = FulfilmentOrder.objects.filter(pk__in=fulfilment_ids, offer_round__isnull=False).values_list(
        "pk", "offer_round__claim_timeout_seconds"
    )
    return {pk: float(timeout) for pk, timeout in found}
