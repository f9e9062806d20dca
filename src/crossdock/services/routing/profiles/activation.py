"""Activate and archive profile versions: draft → active → archived, one active profile per selector."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from crossdock.db.models import RoutingProfileVersion
from crossdock.domain.routing.profile import ProfileSpec
from crossdock.domain.routing.profile_json import selector_from_json
from crossdock.domain.routing.versions import VERSION_TRANSITIONS, SelectorOverlap, VersionStatus
from crossdock.domain.transitions import check_transition
from crossdock.services import clock
from crossdock.services.routing.profiles.coverage import ProfileWarning, coverage_warnings
from crossdock.services.routing.profiles.rows import lock_every_profile, lock_profile, version_in, version_of
from crossdock.services.routing.profiles.views import ProfileView, get_profile


@dataclass(frozen=True, slots=True)
class Activation:
    profile: ProfileView
    warnings: list[ProfileWarning]


def activate_version(profile_id: int, number: int, *, actor: str) -> Activation:
    """Make a draft the profile's active version; the version active before it is archived. Warns (does
    not refuse) when the filters exclude every location. Raises NotFound, IllegalTransition (not a
    draft), SelectorOverlap (another active profile applies to some of the same orders)."""
    now = clock.now()
    with transaction.atomic():
        lock_every_profile()
        lock_profile(profile_id)
        version = version_of(profile_id, number)
        check_transition(VERSION_TRANSITIONS, VersionStatus(version.status), VersionStatus.ACTIVE, field="number")
        spec = ProfileSpec.from_json(version.spec)
        _refuse_overlap(profile_id, spec)
        previous = version_in(profile_id, VersionStatus.ACTIVE)
        if previous is not None:
            _archive(previous, actor)
        version.status, version.activated_by, version.activated_at = VersionStatus.ACTIVE, actor, now
        version.save(update_fields=["status", "activated_by", "activated_at"])
    return Activation(get_profile(profile_id), coverage_warnings(spec.filters, now=now))


def archive_version(profile_id: int, number: int, *, actor: str) -> ProfileView:
    """Retire a version (a draft given up, or the active one: the profile then routes nothing).
    Raises NotFound, IllegalTransition (already archived)."""
    with transaction.atomic():
        lock_profile(profile_id)
        _archive(version_of(profile_id, number), actor)
    return get_profile(profile_id)


def _archive(version: RoutingProfileVersion, actor: str) -> None:
    check_transition(VERSION_TRANSITIONS, VersionStatus(version.status), VersionStatus.ARCHIVED, field="number")
    version.status, version.archived_by, version.archived_at = VersionStatus.ARCHIVED, actor, clock.now()
    version.save(update_fields=["status", "archived_by", "archived_at"])


def _refuse_overlap(profile_id: int, spec: ProfileSpec) -> None:
    others = (
        RoutingProfileVersion.objects.filter(status=VersionStatus.ACTIVE)
        .exclude(profile_id=profile_id)
        .order_by("profile_id")
        .values_list("profile_id", "profile__name", "number", "spec")
    )
    for other_id, name, number, other_spec in others:
        if spec.selector.overlaps(selector_from_json(other_spec)):
            raise SelectorOverlap(
                f"its selector overlaps the active profile {name!r} (id {other_id}, version {number}): "
                "narrow one of them, or archive that one first",
                field="spec.selector",
            )
