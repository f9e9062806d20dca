"""The periodic reliability refresh: scores decay towards the prior as evidence ages, even with no new offers."""

from __future__ import annotations

from datetime import datetime, timedelta

from crossdock.services.reliability.refresh import refresh_every_reliability
from crossdock.services.schedules import claim_run

JOB_NAME = "reliability-refresh"
EVERY = timedelta(hours=1)


def refresh_reliability_if_due(now: datetime) -> int:
    """Refresh every store's score at most once an hour across all workers; returns how many were refreshed."""
    if not claim_run(JOB_NAME, every=EVERY, now=now):
        return 0
    return refresh_every_reliability(now)
