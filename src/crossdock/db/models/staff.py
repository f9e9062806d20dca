"""Staff accounts: a role for each Django user and the stores they work at."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crossdock.db.models.catalog import Location
from crossdock.domain.staff import StaffRole


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    role = models.CharField(max_length=24, choices=[(r.value, r.value.replace("_", " ")) for r in StaffRole])
    stores = models.ManyToManyField(
        Location, blank=True, related_name="staff", limit_choices_to={"type": "store"}, help_text="where they work"
    )

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
