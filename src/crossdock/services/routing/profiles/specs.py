"""Reading a spec given to a service: the domain's checks, plus the channels it names must exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crossdock.db.models import Channel
from crossdock.domain.errors import InvalidInput, UnknownChannel
from crossdock.domain.routing.profile import ProfileSpec

SPEC_FIELD = "spec"


def read_spec(data: Mapping[str, Any]) -> ProfileSpec:
    """The spec, with errors naming `spec.<path>`. Raises InvalidInput, UnknownChannel."""
    try:
        spec = ProfileSpec.from_json(data)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=_within_spec(error.field)) from None
    known = set(Channel.objects.filter(code__in=spec.selector.channels).values_list("code", flat=True))
    for index, channel in enumerate(spec.selector.channels):
        if channel not in known:
            raise UnknownChannel(f"unknown channel {channel!r}", field=f"{SPEC_FIELD}.selector.channels[{index}]")
    return spec


def _within_spec(field: str | None) -> str:
    return f"{SPEC_FIELD}.{field}" if field else SPEC_FIELD
