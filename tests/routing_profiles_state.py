"""What routing profile changes write, for the `db_state` fixture: a refused request must change none of it."""

from __future__ import annotations

from typing import Any

from crossdock.db.models import RoutingProfile, RoutingProfileVersion


def routing_profiles_state() -> dict[str, Any]:
    return {
        "routing_profiles": sorted(RoutingProfile.objects.values_list("id", "name", "description")),
        "routing_versions": sorted(
            RoutingProfileVersion.objects.values_list("id", "profile_id", "number", "status", "spec")
        ),
    }
