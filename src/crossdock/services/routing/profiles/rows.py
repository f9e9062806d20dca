"""Profile rows under lock. Activation locks every profile (pk order), so two activations never
both pass the overlap check; editing locks the one profile."""

from __future__ import annotations

from django.db.models import Max

from crossdock.db.models import RoutingProfile, RoutingProfileVersion
from crossdock.domain.errors import NotFound
from crossdock.domain.routing.versions import VersionStatus


def lock_profile(profile_id: int) -> RoutingProfile:
    found = RoutingProfile.objects.select_for_update().filter(pk=profile_id).first()
    if found is None:
        raise NotFound(f"routing profile {profile_id} does not exist", field="profile_id")
    return found


def lock_every_profile() -> list[int]:
    return list(RoutingProfile.objects.select_for_update().order_by("pk").values_list("pk", flat=True))


def version_of(profile_id: int, number: int) -> RoutingProfileVersion:
    found = RoutingProfileVersion.objects.filter(profile_id=profile_id, number=number).first()
    if found is None:
        raise NotFound(f"routing profile {profile_id} has no version {number}", field="number")
    return found


def version_in(profile_id: int, status: VersionStatus) -> RoutingProfileVersion | None:
    return RoutingProfileVersion.objects.filter(profile_id=profile_id, status=status).first()


def next_number(profile_id: int) -> int:
    latest = RoutingProfileVersion.objects.filter(profile_id=profile_id).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1
