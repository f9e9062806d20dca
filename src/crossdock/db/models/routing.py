"""Routing profiles and their versions. A version's spec is the JSON of `domain.routing.profile.ProfileSpec`;
its lifecycle (draft → active → archived) is the domain's transition table, applied by the services."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from crossdock.domain.routing.versions import VersionStatus


class RoutingProfile(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True, default="")
    created_by = models.CharField(max_length=120)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingProfileVersion(models.Model):
    profile = models.ForeignKey(RoutingProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=[(s.value, s.value) for s in VersionStatus])
    spec = models.JSONField()
    created_by = models.CharField(max_length=120)
    created_at = models.DateTimeField()
    activated_by = models.CharField(max_length=120, blank=True, default="")
    activated_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.CharField(max_length=120, blank=True, default="")
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["profile", "number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="routing_version_unique_number"),
            models.UniqueConstraint(
                fields=["profile"], condition=Q(status=VersionStatus.ACTIVE), name="routing_version_one_active"
            ),
            models.UniqueConstraint(
                fields=["profile"], condition=Q(status=VersionStatus.DRAFT), name="routing_version_one_draft"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="routing_version_status")]

    def __str__(self) -> str:
        return f"{self.profile.name} v{self.number} ({self.status})"
