"""Carts end to end: the shop opens a cart, changes it, and checks it out into an order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crossdock.services import clock
from crossdock.services.carts.expiry import release_expired_cart_holds


def _post(api, path, body, **headers):  # type: ignore[no-untyped-def]
    return api.post(path, body, content_type="application/json", headers=headers)


def test_a_cart_is_opened_changed_and_checked_out(api, stocked, order_body, position) -> None:
    created = _post(api, "/api/v1/carts", {"channel": "web", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 2}]})

    assert created.status_code == 201
    cart = created.json()
    assert (cart["status"], cart["lines"][0]["held_quantity"], cart["lines"][0]["held"]) == (
        "open",
        2,
        [{"location": "WH-NJ", "quantity": 2}],
    )
    lines = {
        "lines": [
            {"sku": "RETRO-RUNNER-42", "quantity": 3},
            {"sku": "WOOL-BEANIE", "quantity": 1, "delivery_method": "pickup", "location": "ST-BKN"},
        ]
    }
    changed = api.put(f"/api/v1/carts/{cart['id']}/lines", lines, content_type="application/json")
    assert [line["held_quantity"] for line in changed.json()["lines"]] == [3, 1]
    assert api.post(f"/api/v1/carts/{cart['id']}/extend").status_code == 200

    checkout = {"channel_order_id": "W-CART-7", "shipping_address": order_body["shipping_address"]}
    placed = _post(api, f"/api/v1/carts/{cart['id']}/checkout", checkout, **{"Idempotency-Key": "cart-7"})
    replayed = _post(api, f"/api/v1/carts/{cart['id']}/checkout", checkout, **{"Idempotency-Key": "cart-7"})

    assert placed.status_code == 201
    order = placed.json()
    assert [(line["sku"], line["status"]) for line in order["lines"]] == [
        ("RETRO-RUNNER-42", "allocated"),
        ("WOOL-BEANIE", "allocated"),
    ]
    assert (replayed.status_code, replayed.headers["Idempotent-Replayed"], replayed.json()["id"]) == (
        200,
        "true",
        order["id"],
    )
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 3
    assert api.get(f"/api/v1/carts/{cart['id']}").json()["status"] == "converted"


def test_an_abandoned_cart_releases_its_holds(api, stocked, position) -> None:
    cart = _post(api, "/api/v1/carts", {"channel": "web", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 2}]}).json()

    assert api.delete(f"/api/v1/carts/{cart['id']}").status_code == 204
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"channel": "web", "lines": [{"sku": "WOOL-BEANIE", "quantity": 1}]}, 409, "blocked", "lines[0].sku"),
        (
            {"channel": "web", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": -1}]},
            422,
            "invalid",
            "lines[0].quantity",
        ),
        (
            {"channel": "web", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 99}]},
            409,
            "insufficient_stock",
            "lines[0].quantity",
        ),
        ({"channel": "web", "lines": [{"sku": "NOPE", "quantity": 1}]}, 422, "unknown_sku", "lines[0].sku"),
        ({"channel": "moon", "lines": []}, 422, "unknown_channel", "channel"),
        ({"channel": "web", "ttl_seconds": 1, "lines": []}, 422, "invalid", "ttl_seconds"),
    ],
)
def test_a_bad_cart_gets_a_clear_error_and_writes_nothing(
    api, stocked, db_state, error_of, body, status, code, field
) -> None:
    assert _post(api, "/api/v1/inventory/blocks", {"sku": "WOOL-BEANIE", "reason": "recalled"}).status_code == 201
    before = db_state()

    response = _post(api, "/api/v1/carts", body)

    assert error_of(response) == (status, code, field)
    assert db_state() == before


def test_checking_out_an_expired_cart_is_refused_and_writes_nothing(
    api, stocked, order_body, db_state, error_of
) -> None:
    body = {"channel": "web", "ttl_seconds": 60, "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 1}]}
    cart = _post(api, "/api/v1/carts", body).json()
    release_expired_cart_holds(clock.now() + timedelta(minutes=5))
    before = db_state()

    checkout = {"channel_order_id": "W-LATE", "shipping_address": order_body["shipping_address"]}
    response = _post(api, f"/api/v1/carts/{cart['id']}/checkout", checkout)

    assert error_of(response) == (409, "cart_expired", "cart_id")
    assert db_state() == before


def test_an_unknown_cart_is_404(api, stocked, error_of) -> None:
    assert error_of(api.get("/api/v1/carts/999")) == (404, "not_found", "cart_id")
    assert error_of(_post(api, "/api/v1/carts/999/checkout", {"channel_order_id": "X"})) == (
        404,
        "not_found",
        "cart_id",
    )


def test_carts_need_the_orders_scopes(client_with, stocked, error_of) -> None:
    reader = client_with("inventory:read")

    response = _post(reader, "/api/v1/carts", {"channel": "web", "lines": []})

    assert error_of(response) == (403, "forbidden", "scope")
