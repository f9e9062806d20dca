"""Through real HTTP, the way the README's curl example places an order."""

from __future__ import annotations

import httpx
import pytest

from crossdock.db.models import Order, Reservation
from crossdock.services.tokens import create_token


@pytest.fixture
def token(transactional_db: None) -> str:
    return create_token("readme-curl", ["orders:read", "orders:write"])


def test_an_order_placed_over_http_with_a_bearer_token_and_an_idempotency_key(
    live_server, token, stocked, order_body
) -> None:
    headers = {
        "Authorization": f"Bearer {token}",
        "Idempotency-Key": "2f6c1e9a-readme",
        "Content-Type": "application/json",
    }

    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        placed = http.post("/api/v1/orders", json=order_body, headers=headers)
        replayed = http.post("/api/v1/orders", json=order_body, headers=headers)
        read = http.get(f"/api/v1/orders/{placed.json()['id']}", headers={"Authorization": f"Bearer {token}"})

    assert placed.status_code == 201
    assert placed.headers["content-type"] == "application/json; charset=utf-8"
    assert (placed.json()["status"], placed.json()["total"]) == ("placed", "199.30")
    assert [(f["location"], f["status"]) for f in placed.json()["fulfilments"]] == [
        ("ST-BKN", "assigned"),
        ("ST-MAN", "assigned"),
    ]
    assert (replayed.status_code, replayed.headers["Idempotent-Replayed"]) == (200, "true")
    assert replayed.json()["id"] == placed.json()["id"]
    assert read.json() == placed.json()
    assert Order.objects.count() == 1
    assert sorted(Reservation.objects.values_list("quantity", flat=True)) == [1, 2]


def test_over_http_a_missing_token_and_malformed_json_are_clean_4xx(live_server, token, stocked) -> None:
    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        anonymous = http.post("/api/v1/orders", json={"channel": "web"})
        malformed = http.post(
            "/api/v1/orders",
            content=b'{"channel": "web", "lines": [',
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )

    assert (anonymous.status_code, anonymous.json()["code"], anonymous.json()["field"]) == (
        401,
        "unauthenticated",
        "Authorization",
    )
    assert (malformed.status_code, malformed.json()["code"], malformed.json()["field"]) == (
        400,
        "malformed_json",
        "body",
    )
    assert Order.objects.count() == 0
