"""Routing profiles as callers see them, with every version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from crossdock.db.models import RoutingProfile, RoutingProfileVersion
from crossdock.domain.errors import NotFound
from crossdock.domain.routing.versions import VersionStatus


@dataclass(frozen=True, slots=True)
class VersionView:
    number: int
    status: str
    spec: dict[str, Any]
    created_by: str
    created_at: datetime
    activated_by: str
    activated_at: datetime | None
    archived_by: str
    archived_at: datetime | None


@dataclass(frozen=True, slots=True)
class ProfileView:
    id: int
    name: str
    description: str
    created_by: str
    created_at: datetime
    versions: list[VersionView]

    @property
    def active_version(self) -> int | None:
        return next((v.number for v in self.versions if v.status == VersionStatus.ACTIVE), None)

    @property
    def draft_version(self) -> int | None:
        return next((v.number for v in self.versions if v.status == VersionStatus.DRAFT), None)


def list_profiles() -> list[ProfileView]:
    """Every profile, by name, with its versions (two queries)."""
    return _views(RoutingProfile.objects.all())


def get_profile(profile_id: int) -> ProfileView:
    """One profile with its versions. Raises NotFound."""
    found = _views(RoutingProfile.objects.filter(pk=profile_id))
    if not found:
        raise NotFound(f"routing profile {profile_id} does not exist", field="profile_id")
    return found[0]


def _views(profiles: QuerySet[RoutingProfile]) -> list[ProfileView]:
    rows = list(profiles.order_by("name"))
    versions: dict[int, list[VersionView]] = defaultdict(list)
    for version in RoutingProfileVersion.objects.filter(profile__in=[p.pk for p in rows]).order_by("number"):
        versions[version.profile_id].append(_version(version))
    return [ProfileView(p.pk, p.name, p.description, p.created_by, p.created_at, versions[p.pk]) for p in rows]


def _version(row: RoutingProfileVersion) -> VersionView:
    return VersionView(
        number=row.number,
        status=row.status,
        spec=row.spec,
        created_by=row.created_by,
        created_at=row.created_at,
        activated_by=row.activated_by,
        activated_at=row.activated_at,
        archived_by=row.archived_by,
        archived_at=row.archived_at,
    )
