"""Every endpoint needs a valid token (401) carrying its scope (403); refused calls write nothing.

The bodies are valid, so each call would succeed with the right scope.
"""

from __future__ import annotations

import pytest
from django.test import Client

ENDPOINTS = [
    (
        "post",
        "/api/v1/orders",
        "orders:write",
        {
            "channel": "store",
            "channel_order_id": "W-9",
            "lines": [{"sku": "WOOL-BEANIE", "quantity": 1, "delivery_method": "pickup", "location": "ST-BKN"}],
        },
    ),
    ("get", "/api/v1/orders", "orders:read", None),
    ("get", "/api/v1/orders/1", "orders:read", None),
    ("post", "/api/v1/orders/1/cancel", "orders:write", {"reason": "changed mind"}),
    ("get", "/api/v1/availability?skus=WOOL-BEANIE", "inventory:read", None),
    ("post", "/api/v1/inventory/snapshots", "inventory:write", {"location": "ST-MAN", "sequence": 1, "positions": []}),
    (
        "post",
        "/api/v1/inventory/adjustments",
        "inventory:write",
        {"adjustments": [{"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": 1, "reason": "found"}]},
    ),
    ("get", "/api/v1/locations", "inventory:read", None),
    (
        "put",
        "/api/v1/locations",
        "admin",
        {"locations": [{"code": "ST-BOS", "name": "Boston", "type": "store", "latitude": 42.35, "longitude": -71.08}]},
    ),
    (
        "put",
        "/api/v1/products",
        "admin",
        {"products": [{"sku": "SPEED-SOCK-L", "name": "Speed Sock, L", "price": "12.00"}]},
    ),
]
IDS = [f"{method} {path}" for method, path, _, _ in ENDPOINTS]


def _call(client: Client, method: str, path: str, body: object) -> object:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


@pytest.mark.parametrize(("method", "path", "scope", "body"), ENDPOINTS, ids=IDS)
def test_a_call_without_a_token_is_401(anonymous, stocked, db_state, error_of, method, path, scope, body) -> None:
    before = db_state()

    response = _call(anonymous, method, path, body)

    assert error_of(response) == (401, "unauthenticated", "Authorization")
    assert db_state() == before


@pytest.mark.parametrize(("method", "path", "scope", "body"), ENDPOINTS, ids=IDS)
def test_a_call_with_a_wrong_token_is_401(db, stocked, db_state, error_of, method, path, scope, body) -> None:
    client = Client(raise_request_exception=False, headers={"Authorization": "Bearer cdk_guessed-secret"})
    before = db_state()

    response = _call(client, method, path, body)

    assert error_of(response) == (401, "unauthenticated", "Authorization")
    assert db_state() == before


@pytest.mark.parametrize(("method", "path", "scope", "body"), ENDPOINTS, ids=IDS)
def test_a_token_without_the_scope_is_403(client_with, stocked, db_state, error_of, method, path, scope, body) -> None:
    others = {"orders:read", "orders:write", "inventory:read", "inventory:write"} - {scope}
    client = client_with(*sorted(others))
    before = db_state()

    response = _call(client, method, path, body)

    assert error_of(response) == (403, "forbidden", "scope")
    assert db_state() == before


def test_a_revoked_token_is_401(client_with, stocked, error_of) -> None:
    from crossdock.db.models import ApiToken
    from crossdock.services import clock

    client = client_with("orders:read")
    ApiToken.objects.update(revoked_at=clock.now())

    assert error_of(client.get("/api/v1/orders")) == (401, "unauthenticated", "Authorization")


def test_a_token_that_is_not_a_bearer_token_is_401(db, error_of) -> None:
    client = Client(raise_request_exception=False, headers={"Authorization": "Basic YWRhOmxvdmVsYWNl"})

    assert error_of(client.get("/api/v1/orders")) == (401, "unauthenticated", "Authorization")


def test_the_scope_is_enough_without_admin(client_with, stocked) -> None:
    client = client_with("inventory:read")

    assert client.get("/api/v1/availability?skus=WOOL-BEANIE").status_code == 200


def test_the_api_docs_are_public(anonymous) -> None:
    assert anonymous.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.parametrize(("method", "path", "scope", "body"), ENDPOINTS, ids=IDS)
def test_a_token_without_the_scope_is_refused_before_its_body_is_read(
    client_with, stocked, db_state, error_of, method, path, scope, body
) -> None:
    other_scope = "orders:read" if scope != "orders:read" else "inventory:read"
    client = client_with(other_scope)
    before = db_state()

    response = _call(client, method, path, {"not": "a valid body"} if body is not None else None)

    assert error_of(response) == (403, "forbidden", "scope")
    assert db_state() == before


def test_an_unknown_api_path_answers_in_the_error_format(api, error_of) -> None:
    response = api.get("/api/v1/no-such-thing")

    assert error_of(response) == (404, "not_found", None)
