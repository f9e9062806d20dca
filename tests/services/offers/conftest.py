"""An offer profile for the web channel, and two more New York stores that ship, so orders go to stores."""

from __future__ import annotations

from typing import Any

import pytest

from crossdock.db.models import FulfilmentOrder, Location
from store_offer_fixtures import activate_offer_profile

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
def offer_profile(stores: dict[str, Location]) -> int:
    return activate_offer_profile(OFFER_SPEC, name="web ship-from-store")


@pytest.fixture
def fulfilments(db: None):  # type: ignore[no-untyped-def]
    """(store, status) of every fulfilment of an order, oldest first."""

    def read(order_id: int) -> list[tuple[str, str]]:
        return [(f.location.code, f.status) for f in FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk")]

    return read
