"""Drafts: the one editable version of a profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from crossdock.db.models import RoutingProfileVersion
from crossdock.domain.routing.versions import DraftExists, NotADraft, VersionStatus
from crossdock.services import clock
from crossdock.services.routing.profiles.create import check_description
from crossdock.services.routing.profiles.rows import lock_profile, next_number, version_in, version_of
from crossdock.services.routing.profiles.specs import read_spec
from crossdock.services.routing.profiles.views import ProfileView, get_profile


def update_draft(
    profile_id: int,
    *,
    spec: Mapping[str, Any],
    actor: str,
    description: str | None = None,
    number: int | None = None,
) -> ProfileView:
    """Replace the spec of the profile's draft; with no draft open, open one (the next number) with it.
    `number`: the version meant to be edited, which must be the draft. Raises InvalidInput,
    UnknownChannel (field `spec.…`), NotFound, NotADraft."""
    checked = read_spec(spec).to_json()
    if description is not None:
        check_description(description)
    with transaction.atomic():
        profile = lock_profile(profile_id)
        draft = _draft(profile_id, number)
        if draft is None:
            _open_draft(profile_id, checked, actor)
        else:
            draft.spec, draft.created_by = checked, actor
            draft.save(update_fields=["spec", "created_by"])
        if description is not None:
            profile.description = description
            profile.save(update_fields=["description"])
    return get_profile(profile_id)


def create_draft(profile_id: int, *, actor: str, from_version: int | None = None) -> ProfileView:
    """Open a draft copying `from_version`, else the active version, else the latest one.
    Raises NotFound, DraftExists."""
    with transaction.atomic():
        lock_profile(profile_id)
        if version_in(profile_id, VersionStatus.DRAFT) is not None:
            raise DraftExists("this profile already has a draft: edit that one", field="profile_id")
        source = _source(profile_id, from_version)
        _open_draft(profile_id, source.spec, actor)
    return get_profile(profile_id)


def _draft(profile_id: int, number: int | None) -> RoutingProfileVersion | None:
    if number is None:
        return version_in(profile_id, VersionStatus.DRAFT)
    version = version_of(profile_id, number)
    if version.status != VersionStatus.DRAFT:
        raise NotADraft(f"version {number} is {version.status}: only a draft can be edited", field="number")
    return version


def _source(profile_id: int, number: int | None) -> RoutingProfileVersion:
    if number is not None:
        return version_of(profile_id, number)
    active = version_in(profile_id, VersionStatus.ACTIVE)
    return active or version_of(profile_id, next_number(profile_id) - 1)


def _open_draft(profile_id: int, spec: dict[str, Any], actor: str) -> None:
    RoutingProfileVersion.objects.create(
        profile_id=profile_id,
        number=next_number(profile_id),
        status=VersionStatus.DRAFT,
        spec=spec,
        created_by=actor,
        created_at=clock.now(),
    )
