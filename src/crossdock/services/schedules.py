"""Periodic jobs that must run once per period across all workers: the last run is a row, not process memory."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from crossdock.db.models import JobSchedule


def claim_run(name: str, *, every: timedelta, now: datetime) -> bool:
    """True if this caller may run `name` now (the period has passed, no other worker holds the row). The
    run is stamped in its own short transaction: the job itself runs after that commit."""
    JobSchedule.objects.get_or_create(name=name)
    with transaction.atomic():
        row = JobSchedule.objects.select_for_update(skip_locked=True).filter(name=name).first()
        if row is None or (row.last_run_at is not None and now - row.last_run_at < every):
            return False
        row.last_run_at = now
        row.save(update_fields=["last_run_at"])
    return True
