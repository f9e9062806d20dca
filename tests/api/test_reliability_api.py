"""GET /api/v1/locations/{code}/reliability: the score, how it was learned, the latest outcomes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.routing.profiles import activate_version, create_profile

T0 = datetime(2025, 3, 14, 14, 0, tzinfo=UTC)
OFFER_TO_TWO_STORES: dict[str, Any] = {
    "selector": {"channels": ["web"]},
    "filters": {"location_types": ["store"]},
    "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
    "strategy": "offer",
    "offers": {"store_count": 2, "claim_timeout_seconds": 600, "escalation": ["backorder"]},
}


@pytest.fixture
def offered(stock, place, client_with, monkeypatch) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """An order of one runner offered to Manhattan and Brooklyn at T0: (order id, Manhattan's fulfilment id)."""
    monkeypatch.setattr(clock, "now", lambda: T0)
    profile = create_profile(name="web offers", description="", spec=OFFER_TO_TWO_STORES, actor="test")
    activate_version(profile.id, 1, actor="test")
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-BKN", "RETRO-RUNNER-42", 3)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 1, DeliveryMethod.SHIP))
    (offer,) = client_with("orders:read").get("/api/v1/locations/ST-MAN/offers").json()
    return order_id, int(offer["fulfilment_id"])


def test_a_store_that_claimed_and_gave_back_damaged_work(
    offered: tuple[int, int], client_with: Callable[..., Client]
) -> None:
    order_id, fulfilment_id = offered
    store = client_with("stores:write")
    claimed = store.post(f"/api/v1/fulfilments/{fulfilment_id}/claim", {"location": "ST-MAN"}, "application/json")
    unclaimed = store.post(
        f"/api/v1/fulfilments/{fulfilment_id}/unclaim",
        {"location": "ST-MAN", "reason": "damaged", "note": "box crushed"},
        content_type="application/json",
    )

    response = client_with("orders:read").get("/api/v1/locations/ST-MAN/reliability?last=1")

    assert (claimed.status_code, unclaimed.status_code, response.status_code) == (200, 200, 200)
    body = response.json()
    assert body["score"] == pytest.approx((1.8 + 0.5) / 3)  # prior 0.9 × 2, a damaged unclaim worth 0.5
    assert body["stored_score"] == pytest.approx((1.8 + 0.5) / 3)  # refreshed by the unclaim
    assert (body["prior_score"], body["prior_weight"], body["half_life_days"], body["evidence_weight"]) == (
        0.9,
        2.0,
        30.0,
        1.0,
    )
    assert body["counts"] == {"claimed": 1, "unclaimed:damaged": 1}
    assert body["recent"] == [
        {
            "fulfilment_id": fulfilment_id,
            "order_id": order_id,
            "outcome": "unclaimed",
            "reason": "damaged",
            "kind": "unclaimed:damaged",
            "latency_seconds": None,
            "offered_at": "2025-03-14T14:00:00Z",
            "decided_at": "2025-03-14T14:00:00Z",
            "value": 0.5,
            "weight": 1.0,
            "superseded": False,
        }
    ]


def test_errors(network: Any, client_with: Callable[..., Client], error_of: Callable[[Any], tuple]) -> None:
    reader = client_with("orders:read")

    assert error_of(reader.get("/api/v1/locations/ST-NOWHERE/reliability")) == (404, "not_found", "code")
    assert error_of(reader.get("/api/v1/locations/ST-MAN/reliability?last=-1"))[:2] == (422, "invalid")
    assert error_of(client_with("inventory:read").get("/api/v1/locations/ST-MAN/reliability"))[:2] == (
        403,
        "forbidden",
    )
