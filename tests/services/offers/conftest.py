"""An offer profile for the web channel, and two more New York stores that ship, so orders go to stores."""

from __future__ import annotations

from typing import Any

import pytest

from crossdock.db.models import FulfilmentOrder, Location
from crossdock.services.routing.profiles import activate_version, create_profile

OFFER_SPEC: dict[str, Any] = {
    "selector": {"channels": ["web"]},
    "filters": {"location_types": ["store"]},
    "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
    "strategy": "offer",
    "offers": {
        "store_count": 3,
        "claim_timeout_seconds": 600,
        "escalation": ["next_stores", "warehouses", "backorder"],
    },
}


@pytest.fixture
def stores(network: dict[str, Location]) -> dict[str, Location]:
    """Queens and the Bronx join Manhattan and Brooklyn as stores that ship from store."""
    more = {
        "ST-QNS": ("Queens Center", 40.7342, -73.8700),
        "ST-BRX": ("Bronx Terminal", 40.8250, -73.9300),
    }
    for code, (name, latitude, longitude) in more.items():
        network[code] = Location.objects.create(
            code=code,
            name=name,
            type="store",
            latitude=latitude,
            longitude=longitude,
            capabilities=["pickup", "ship_from_store"],
            timezone="America/New_York",
        )
    return network


@pytest.fixture
def offer_profile(stores: dict[str, Location]) -> int:
    profile = create_profile(name="web ship-from-store", description="", spec=OFFER_SPEC, actor="test")
    activate_version(profile.id, 1, actor="test")
    return profile.id


@pytest.fixture
def fulfilments(db: None):  # type: ignore[no-untyped-def]
    """(store, status) of every fulfilment of an order, oldest first."""

    def read(order_id: int) -> list[tuple[str, str]]:
        return [(f.location.code, f.status) for f in FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk")]

    return read
