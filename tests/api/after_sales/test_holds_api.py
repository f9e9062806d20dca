"""Holds and fraud rules through the API."""

from __future__ import annotations

from crossdock.db.models import FraudRule


def test_placing_and_releasing_a_hold(api, plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))

    placed = api.post(
        f"/api/v1/orders/{order_id}/holds", {"reason": "customer asked us to wait"}, content_type="application/json"
    )

    assert placed.status_code == 201
    (hold,) = placed.json()
    assert (hold["kind"], hold["status"], hold["placed_by"]) == ("manual", "active", "api:integrator-admin")
    assert [f["status"] for f in api.get(f"/api/v1/orders/{order_id}").json()["fulfilments"]] == ["held"]
    released = api.post(
        f"/api/v1/orders/{order_id}/holds/{hold['id']}/release",
        {"reason": "customer confirmed"},
        content_type="application/json",
    )
    assert released.status_code == 200
    assert [(h["status"], h["resolution"]) for h in released.json()] == [("released", "customer confirmed")]
    assert api.get(f"/api/v1/orders/{order_id}").json()["on_hold"] is False


def test_releasing_twice_is_409_and_writes_nothing(api, plenty, order_of, db_state, error_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    hold_id = api.post(f"/api/v1/orders/{order_id}/holds", {"reason": "check"}, content_type="application/json").json()[
        0
    ]["id"]
    path = f"/api/v1/orders/{order_id}/holds/{hold_id}/release"
    api.post(path, {"reason": "fine"}, content_type="application/json")
    before = db_state()

    response = api.post(path, {"reason": "fine"}, content_type="application/json")

    assert error_of(response) == (409, "illegal_transition", "hold_id")
    assert db_state() == before


def test_a_hold_without_a_reason_is_422(api, plenty, order_of, db_state, error_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    before = db_state()

    response = api.post(f"/api/v1/orders/{order_id}/holds", {"reason": ""}, content_type="application/json")

    assert error_of(response) == (422, "invalid", "reason")
    assert db_state() == before


def test_fraud_rules_are_configured_through_the_api_and_apply_to_new_orders(api, plenty, order_of) -> None:
    response = api.put(
        "/api/v1/fraud-rules/big-basket",
        {"kind": "order_value_above", "amount": "100.00", "currency": "USD", "name": "Large baskets"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert api.get("/api/v1/fraud-rules").json() == [
        {
            "code": "big-basket",
            "kind": "order_value_above",
            "name": "Large baskets",
            "amount": "100.00",
            "currency": "USD",
            "limit": None,
            "channel": None,
            "active": True,
        }
    ]
    order_id = order_of(("TRAIL-JACKET-M", 1))
    holds = api.get(f"/api/v1/orders/{order_id}/holds").json()
    assert [(h["kind"], h["reason"]) for h in holds] == [("fraud", "order value 149.00 USD is above 100.00 USD")]


def test_a_fraud_rule_missing_its_setting_is_422(api, db, db_state, error_of) -> None:
    before = db_state()

    response = api.put("/api/v1/fraud-rules/reshipper", {"kind": "address_velocity"}, content_type="application/json")

    assert error_of(response) == (422, "invalid", "limit")
    assert db_state() == before
    assert FraudRule.objects.count() == 0


def test_fraud_rules_need_the_admin_scope(client_with, db) -> None:
    response = client_with("orders:write").get("/api/v1/fraud-rules")

    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
