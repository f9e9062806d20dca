"""Offers for store-work tests (services, pages, API, browser): an offer profile, an order offered to three
stores, and what a refused claim or unclaim must not change beyond `db_state`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crossdock.db.models import (
    FulfilmentOrder,
    Location,
    OfferOutcome,
    OfferRound,
    RoutingDecision,
    RoutingExclusion,
)
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.routing.profiles import activate_version, create_profile

# Web orders shipped go to stores as offers: the three cheapest stores that ship and hold the stock at once.
OFFER_SPEC: dict[str, Any] = {
    "selector": {"channels": ["web"], "delivery_methods": ["ship"]},
    "filters": {"location_types": ["store"], "required_capabilities": ["ship_from_store"]},
    "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
    "strategy": "offer",
    "offers": {"store_count": 3, "claim_timeout_seconds": 600, "escalation": ["next_stores", "warehouses"]},
}


def store_offer_state() -> dict[str, Any]:
    """The offer rows a claim or unclaim writes, and the scores it moves."""
    return {
        "offer_rounds": sorted(OfferRound.objects.values_list("id", "status", "closed_at")),
        "offer_outcomes": sorted(OfferOutcome.objects.values_list("id", "location_id", "outcome", "reason")),
        "routing_exclusions": sorted(RoutingExclusion.objects.values_list("order_id", "location_id", "reason")),
        "routing_decisions": RoutingDecision.objects.count(),
        "reliability": sorted(Location.objects.values_list("code", "reliability_score")),
    }


def add_queens_and_bronx(network: dict[str, Location]) -> None:
    """Queens (10.9 km from Penn Station) and the Bronx (10.0 km) join the network as stores that ship."""
    for code, name, latitude, longitude in [
        ("ST-QNS", "Queens Center", 40.7342, -73.8700),
        ("ST-BRX", "Bronx Terminal", 40.8250, -73.9300),
    ]:
        network[code] = Location.objects.create(
            code=code,
            name=name,
            type="store",
            latitude=latitude,
            longitude=longitude,
            capabilities=["pickup", "ship_from_store"],
            timezone="America/New_York",
        )


def activate_offer_profile(spec: dict[str, Any], *, name: str) -> int:
    """Create a routing profile with `spec` and activate its first version. Returns the profile id."""
    profile = create_profile(name=name, description="", spec=spec, actor="test")
    activate_version(profile.id, 1, actor="test")
    return profile.id


@pytest.fixture
def offer_profile(network: dict[str, Location]) -> int:
    """Queens and the Bronx join Manhattan and Brooklyn as stores that ship; web orders are offered to three."""
    add_queens_and_bronx(network)
    return activate_offer_profile(OFFER_SPEC, name="web ship-from-store")


@pytest.fixture
def offered_runner(stock: Callable[..., Any], place: Callable[..., int], offer_profile: int) -> int:
    """Ada's web order for one runner, offered to Manhattan (1.3 km), Brooklyn (7.6 km) and the Bronx (10.0 km);
    Queens (10.9 km) holds runners too but is fourth. Each holds 2; the Newark warehouse none. Returns the order."""
    for store in ("ST-MAN", "ST-BKN", "ST-QNS", "ST-BRX"):
        stock(store, "RETRO-RUNNER-42", 2)
    stock("WH-NJ", "RETRO-RUNNER-42", 0)
    return place(RequestedLine("RETRO-RUNNER-42", 1, DeliveryMethod.SHIP))


@pytest.fixture
def offer_at() -> Callable[[int, str], int]:
    """The fulfilment id of the order's latest fulfilment at a store: `offer_at(order_id, "ST-MAN")`."""

    def find(order_id: int, store: str) -> int:
        return FulfilmentOrder.objects.filter(order_id=order_id, location__code=store).latest("pk").pk

    return find


@pytest.fixture
def offer_state(db_state: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """`db_state` plus the offer rows: rounds, outcomes, exclusions, routing decisions, reliability scores."""
    return lambda: {**db_state(), **store_offer_state()}


@pytest.fixture
def fulfilments_of(db: None) -> Callable[[int], list[tuple[str, str]]]:
    """(store, status) of every fulfilment of an order, oldest first."""

    def read(order_id: int) -> list[tuple[str, str]]:
        rows = FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk")
        return [(code, status) for code, status in rows.values_list("location__code", "status")]

    return read
