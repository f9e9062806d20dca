"""Payments through the API: the ledger, reports from the payment system, and the error mapping."""

from __future__ import annotations

from decimal import Decimal

from crossdock.services.orders.commands import PaymentDetails

PAYMENTS = "/api/v1/orders/{}/payments"


def test_a_reported_authorisation_is_listed_with_the_balance(api, plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))

    response = api.post(
        PAYMENTS.format(order_id),
        {"kind": "authorisation", "amount": "39.00", "currency": "USD", "reference": "psp-4411"},
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ["gateway", "capture_at", "authorised", "captured", "open_authorisation"]} == {
        "gateway": "manual",
        "capture_at": "shipment",
        "authorised": "39.00",
        "captured": "0.00",
        "open_authorisation": "39.00",
    }
    assert [(p["kind"], p["status"], p["reference"], p["actor"]) for p in body["payments"]] == [
        ("authorisation", "succeeded", "psp-4411", "api:integrator-admin")
    ]
    assert api.get(PAYMENTS.format(order_id)).json() == body


def test_the_test_gateway_at_placement_and_settling_again_after_a_decline(api, plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2), payment=PaymentDetails(gateway="test", method="decline"))

    response = api.post(PAYMENTS.format(order_id) + "/settle")

    assert response.status_code == 200
    assert [(p["kind"], p["status"]) for p in response.json()["payments"]] == [
        ("authorisation", "failed"),
        ("authorisation", "failed"),
    ]
    assert api.get(f"/api/v1/orders/{order_id}").json()["on_hold"] is True


def test_a_refund_above_what_was_captured_is_409_and_writes_nothing(api, plenty, order_of, db_state, error_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))
    before = db_state()

    response = api.post(
        PAYMENTS.format(order_id),
        {"kind": "refund", "amount": "10.00", "currency": "USD", "reference": "psp-r1"},
        content_type="application/json",
    )

    assert error_of(response) == (409, "refund_exceeds_captured", "amount")
    assert db_state() == before


def test_a_payment_in_another_currency_is_422_and_writes_nothing(api, plenty, order_of, db_state, error_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))
    before = db_state()

    response = api.post(
        PAYMENTS.format(order_id),
        {"kind": "authorisation", "amount": "39.00", "currency": "EUR", "reference": "psp-a1"},
        content_type="application/json",
    )

    assert error_of(response) == (422, "currency_mismatch", "currency")
    assert db_state() == before


def test_reading_payments_needs_orders_read_and_recording_needs_orders_write(client_with, plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))
    reader = client_with("orders:read")

    assert reader.get(PAYMENTS.format(order_id)).status_code == 200
    refused = reader.post(
        PAYMENTS.format(order_id),
        {"kind": "authorisation", "amount": "39.00", "currency": "USD", "reference": "psp-a1"},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")


def test_an_unknown_order_is_404(api, db, error_of) -> None:
    assert error_of(api.get(PAYMENTS.format(999))) == (404, "not_found", "order_id")


def test_amounts_are_decimal_strings_never_floats(api, plenty, order_of) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 1), discount="0.10", payment=PaymentDetails(gateway="test"))

    body = api.get(PAYMENTS.format(order_id)).json()

    assert Decimal(body["authorised"]) == Decimal("89.80")
    assert body["authorised"] == "89.80"
