"""API fixtures: clients holding tokens of given scopes, and a ready order body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from crossdock.services.tokens import create_token


@pytest.fixture
def client_with(db: None) -> Callable[..., Client]:
    """A test client whose every request carries a bearer token with these scopes."""

    def make(*scopes: str) -> Client:
        secret = create_token(f"integrator-{'-'.join(scopes)}", list(scopes))
        return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def api(client_with: Callable[..., Client]) -> Client:
    """An admin client: every scope."""
    return client_with("admin")


@pytest.fixture
def anonymous(db: None) -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def order_body() -> dict[str, Any]:
    """Ada orders two runners shipped to Penn Station and picks a beanie up in Brooklyn."""
    return {
        "channel": "web",
        "channel_order_id": "W-1001",
        "currency": "USD",
        "customer": {"id": "C-ADA-7", "email": "ada@example.com", "name": "Ada Lovelace"},
        "shipping_address": {
            "name": "Ada Lovelace",
            "line1": "1 Main St",
            "city": "New York",
            "postcode": "10001",
            "country": "US",
            "latitude": 40.7506,
            "longitude": -73.9971,
        },
        "lines": [
            {"sku": "RETRO-RUNNER-42", "quantity": 2},
            {"sku": "WOOL-BEANIE", "quantity": 1, "delivery_method": "pickup", "location": "ST-BKN"},
        ],
    }


@pytest.fixture
def stocked(stock: Callable[..., Any]) -> None:
    """Runners in Manhattan (3) and Newark (10); beanies in Brooklyn (4) and Manhattan (2)."""
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    stock("ST-BKN", "WOOL-BEANIE", 4)
    stock("ST-MAN", "WOOL-BEANIE", 2)


@pytest.fixture
def error_of() -> Callable[[Any], tuple[int, str, str | None]]:
    """(status, code, field) of an error response, after checking it has the {code, message, field} shape."""

    def read(response: Any) -> tuple[int, str, str | None]:
        body = response.json()
        assert {"code", "message", "field"} <= set(body)
        assert body["message"]
        return response.status_code, body["code"], body["field"]

    return read
