"""Periodic jobs that must run once per period across all workers: when each last ran."""

from __future__ import annotations

from django.db import models


class JobSchedule(models.Model):
    """One row per scheduled job; a worker takes it FOR UPDATE SKIP LOCKED to claim the next run."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
