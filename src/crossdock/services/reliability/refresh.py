"""Recomputing the stored reliability score that routing reads (`Location.reliability_score`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from crossdock.db.models import Location, OfferOutcome
from crossdock.domain.locations import LocationType
from crossdock.domain.offers import Outcome
from crossdock.domain.reliability import reliability
from crossdock.services.reliability.config import reliability_settings
from crossdock.services.reliability.history import load_history

LOCATIONS_PER_TRANSACTION = 200


def refresh_reliability(location_ids: Iterable[int], *, now: datetime) -> dict[int, float]:
    """Recompute these locations' scores at `now` from their offer history and store them, in the caller's
    transaction. The location rows are locked first (pk order, no key lock: rows that refer to a location can
    still be written), so two transactions writing outcomes of one store both end up counted.
    Returns location id → score. Raises ImproperlyConfigured (an invalid CROSSDOCK_RELIABILITY)."""
    ids = sorted(set(location_ids))
    if not ids:
        return {}
    settings = reliability_settings()
    with transaction.atomic():
        locked = list(
            Location.objects.select_for_update(no_key=True)
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        skip = [Outcome.WITHDRAWN] if settings.weights[Outcome.WITHDRAWN] == 0 else []  # neutral: not worth reading
        history = load_history(locked, since=settings.horizon_start(now), skip=skip)
        scores = {pk: reliability(history[pk], settings, now=now).score for pk in locked}
        Location.objects.bulk_update(
            [Location(pk=pk, reliability_score=score) for pk, score in scores.items()], ["reliability_score"]
        )
    return scores


def refresh_every_reliability(now: datetime) -> int:
    """The periodic refresh (a worker job): scores decay towards the prior as their evidence ages, also for a
    store that is no longer offered anything. Every store and every location with an outcome, a few hundred per
    transaction. Returns how many were refreshed. Raises ImproperlyConfigured."""
    settings = reliability_settings()
    stores = set(Location.objects.filter(type=LocationType.STORE).values_list("pk", flat=True))
    recent = OfferOutcome.objects.filter(decided_at__gte=settings.horizon_start(now)).values_list("location_id")
    ids = sorted(stores | set(Location.objects.filter(pk__in=recent).values_list("pk", flat=True)))
    for start in range(0, len(ids), LOCATIONS_PER_TRANSACTION):
        refresh_reliability(ids[start : start + LOCATIONS_PER_TRANSACTION], now=now)
    return len(ids)
