"""The periodic jobs `crossdock worker` runs. Each calls one service, is idempotent and safe to retry,
and is safe with several workers at once (the services take their rows with SKIP LOCKED)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from crossdock.services.carts.expiry import release_expired_cart_holds
from crossdock.services.offers.expire import expire_due_offer_rounds
from crossdock.services.reliability.schedule import refresh_reliability_if_due
from crossdock.services.routing.batch_schedule import reroute_if_due
from crossdock.services.store_work.no_shows import cancel_uncollected_pickups
from crossdock.services.waiting.release import release_waiting_lines

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    run: Callable[[datetime], int]  # returns how many things it did


JOBS: tuple[Job, ...] = (
    Job("release expired cart holds", release_expired_cart_holds),
    Job("expire offers past their claim timeout", expire_due_offer_rounds),
    Job("release backorders and pre-orders", release_waiting_lines),
    Job("cancel pickups not collected", cancel_uncollected_pickups),
    Job("batch re-route open orders (CROSSDOCK_REROUTE_EVERY_MINUTES)", reroute_if_due),
    Job("refresh store reliability (hourly)", refresh_reliability_if_due),
)


def run_due_jobs(now: datetime, jobs: tuple[Job, ...] = JOBS) -> dict[str, int]:
    """Run every job once. A failing job is logged with its traceback and the others still run;
    its work is retried on the next round (each job is one or more whole transactions)."""
    done: dict[str, int] = {}
    for job in jobs:
        try:
            done[job.name] = job.run(now)
        except Exception:  # the next round retries it; the worker must keep serving the other jobs
            logger.exception("worker job %r failed", job.name)
            done[job.name] = -1
    return done
