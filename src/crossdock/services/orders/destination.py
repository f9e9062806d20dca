"""Where an order ships to, as routing needs it: the coordinates of its stored shipping address."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def address_destination(address: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(latitude, longitude) of a stored address; None when it has no coordinates (routing then ignores km)."""
    latitude, longitude = (address or {}).get("latitude"), (address or {}).get("longitude")
    if latitude is None or longitude is None:
        return None
    return (float(latitude), float(longitude))
