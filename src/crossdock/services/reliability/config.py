"""The reliability settings in force: Django's `CROSSDOCK_RELIABILITY` over the domain defaults."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from crossdock.domain.errors import InvalidInput
from crossdock.domain.reliability import ReliabilitySettings


def reliability_settings() -> ReliabilitySettings:
    """Read on every call (a few dict look-ups), so a changed setting applies without a restart of the worker
    logic. Raises ImproperlyConfigured naming the setting at fault."""
    configured: object = getattr(settings, "CROSSDOCK_RELIABILITY", None) or {}
    if not isinstance(configured, Mapping):
        raise ImproperlyConfigured("CROSSDOCK_RELIABILITY must be a dict")
    try:
        return ReliabilitySettings.from_mapping(configured)
    except InvalidInput as error:
        raise ImproperlyConfigured(f"CROSSDOCK_RELIABILITY.{error.field}: {error.message}") from error
