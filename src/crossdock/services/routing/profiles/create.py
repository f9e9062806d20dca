"""Create a routing profile: its first version is a draft."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from crossdock.db.models import RoutingProfile, RoutingProfileVersion
from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.versions import DuplicateProfile, VersionStatus
from crossdock.services import clock
from crossdock.services.routing.profiles.specs import read_spec
from crossdock.services.routing.profiles.views import ProfileView, get_profile

MAX_NAME = 100
MAX_DESCRIPTION = 2000


def create_profile(*, name: str, description: str, spec: Mapping[str, Any], actor: str) -> ProfileView:
    """Create a profile with version 1 as a draft. Raises InvalidInput, UnknownChannel (field `spec.…`),
    DuplicateProfile (the name is taken)."""
    name = name.strip()
    check_description(description)
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(f"a profile needs a name of 1–{MAX_NAME} characters", field="name")
    checked = read_spec(spec)
    now = clock.now()
    try:
        with transaction.atomic():
            profile = RoutingProfile.objects.create(
                name=name, description=description, created_by=actor, created_at=now
            )
            RoutingProfileVersion.objects.create(
                profile=profile,
                number=1,
                status=VersionStatus.DRAFT,
                spec=checked.to_json(),
                created_by=actor,
                created_at=now,
            )
    except IntegrityError:
        raise DuplicateProfile(f"a routing profile named {name!r} exists", field="name") from None
    return get_profile(profile.pk)


def check_description(description: str) -> None:
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"at most {MAX_DESCRIPTION} characters", field="description")
