"""Routing profiles: create, edit drafts, activate, archive, and select the one that routes an order."""

from crossdock.services.routing.profiles.activation import Activation, activate_version, archive_version
from crossdock.services.routing.profiles.coverage import ProfileWarning
from crossdock.services.routing.profiles.create import create_profile
from crossdock.services.routing.profiles.drafts import create_draft, update_draft
from crossdock.services.routing.profiles.selection import (
    DEFAULT_PROFILE,
    DEFAULT_SPEC,
    SelectedProfile,
    select_profile,
)
from crossdock.services.routing.profiles.views import ProfileView, VersionView, get_profile, list_profiles

__all__ = [
    "DEFAULT_PROFILE",
    "DEFAULT_SPEC",
    "Activation",
    "ProfileView",
    "ProfileWarning",
    "SelectedProfile",
    "VersionView",
    "activate_version",
    "archive_version",
    "create_draft",
    "create_profile",
    "get_profile",
    "list_profiles",
    "select_profile",
    "update_draft",
]
