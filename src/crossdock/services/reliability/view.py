"""A store's reliability as people read it: the score, what it is made of, and its latest outcomes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from crossdock.db.models import Location
from crossdock.domain.errors import NotFound
from crossdock.domain.reliability import Weighed, reliability
from crossdock.services.reliability.config import reliability_settings
from crossdock.services.reliability.history import load_history

RECENT_OUTCOMES = 20


@dataclass(frozen=True, slots=True)
class OutcomeView:
    fulfilment_id: int
    order_id: int
    outcome: str
    reason: str
    kind: str  # how it is valued: the outcome, for an unclaim with its reason
    latency_seconds: float | None
    offered_at: datetime | None
    decided_at: datetime
    value: float
    weight: float
    superseded: bool  # a claim overturned by a later unclaim or SLA miss of the same offer


@dataclass(frozen=True, slots=True)
class ReliabilityView:
    location: str
    score: float  # at `now`, from the history below
    stored_score: float  # what routing reads until the next refresh
    prior_score: float
    prior_weight: float
    half_life_days: float
    sla_hours: float
    evidence_weight: float  # Σ weights of the history, against `prior_weight`
    counts: dict[str, int]  # outcomes per kind within the horizon (`since`)
    since: datetime
    recent: list[OutcomeView]  # newest first


def store_reliability(code: str, *, now: datetime, last: int = RECENT_OUTCOMES) -> ReliabilityView:
    """The location's reliability at `now` and its `last` latest outcomes. Raises NotFound (no such location),
    ImproperlyConfigured (an invalid CROSSDOCK_RELIABILITY)."""
    found = Location.objects.filter(code=code).values_list("pk", "reliability_score").first()
    if found is None:
        raise NotFound(f"unknown location {code!r}", field="code")
    location_id, stored = found
    settings = reliability_settings()
    since = settings.horizon_start(now)
    learned = reliability(load_history([location_id], since=since, detailed=True)[location_id], settings, now=now)
    return ReliabilityView(
        location=code,
        score=learned.score,
        stored_score=stored,
        prior_score=settings.prior_score,
        prior_weight=settings.prior_weight,
        half_life_days=settings.half_life_days,
        sla_hours=settings.sla_hours,
        evidence_weight=learned.evidence,
        counts=dict(sorted(Counter(w.kind for w in learned.weighed).items())),
        since=since,
        recent=[_outcome(w) for w in reversed(learned.weighed[-last:] if last > 0 else ())],
    )


def _outcome(weighed: Weighed) -> OutcomeView:
    o = weighed.observation
    return OutcomeView(
        fulfilment_id=o.fulfilment_id,
        order_id=o.order_id,
        outcome=o.outcome,
        reason=o.reason,
        kind=weighed.kind,
        latency_seconds=o.latency_seconds,
        offered_at=o.offered_at,
        decided_at=o.decided_at,
        value=weighed.value,
        weight=weighed.weight,
        superseded=weighed.superseded,
    )
