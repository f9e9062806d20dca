"""Batch re-routing on a schedule: at most once every `CROSSDOCK_REROUTE_EVERY_MINUTES`, across all workers.

The last run is a row (`JobSchedule`), not process memory: a worker claims the run by taking that row
FOR UPDATE SKIP LOCKED, checking the period has passed and stamping the time, in one short
transaction; the batch itself runs after that commit (each order moves in its own transaction). A
worker that finds the row taken, or the period not yet over, does nothing. A run that fails is tried
again at the next period.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

from crossdock.services.routing.batch_reroute import reroute_open_orders
from crossdock.services.schedules import claim_run

JOB_NAME = "batch-reroute"
EVERY_VARIABLE = "CROSSDOCK_REROUTE_EVERY_MINUTES"


def reroute_every() -> timedelta | None:
    """The period from the environment; None (off) when unset, empty or not a positive number."""
    raw = os.environ.get(EVERY_VARIABLE, "").strip()
    try:
        minutes = float(raw) if raw else 0.0
    except ValueError:
        return None
    return timedelta(minutes=minutes) if minutes > 0 else None


def reroute_if_due(now: datetime) -> int:
    """Run the batch re-route if its period has passed since the last run; returns the orders moved."""
    every = reroute_every()
    if every is None or not claim_run(JOB_NAME, every=every, now=now):
        return 0
    return reroute_open_orders(now=now, clock=time.perf_counter).applied
