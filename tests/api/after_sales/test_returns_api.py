"""Returns and exchanges through the API, and the answers to bad requests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crossdock.db.models import FulfilmentOrder, ReturnPolicy, StockPosition
from crossdock.services import clock
from crossdock.services.orders.commands import PaymentDetails


def post(client, path: str, body: object | None = None):  # type: ignore[no-untyped-def]
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def delivered(plenty, order_of, ship_all) -> int:
    """Two jackets and a beanie, 10.00 off, 4.95 shipping, paid through the test gateway and shipped."""
    order_id = order_of(
        ("TRAIL-JACKET-M", 2), ("WOOL-BEANIE", 1), discount="10.00", shipping="4.95", payment=PaymentDetails("test")
    )
    ship_all(order_id)
    return order_id


def a_return(order_id: int, line: int = 1, quantity: int = 1, **extra: object) -> dict[str, object]:
    return {"order_id": order_id, "lines": [{"line": line, "quantity": quantity, "reason": "does_not_fit"}], **extra}


def test_a_return_from_the_web_shop_received_in_a_store_restocked_there_and_refunded(api, delivered) -> None:
    opened = post(api, "/api/v1/returns", a_return(delivered, quantity=2))
    assert opened.status_code == 201
    return_id = opened.json()["id"]
    assert (opened.json()["status"], opened.json()["source"]) == ("requested", "web")

    received = post(api, f"/api/v1/returns/{return_id}/receive", {"location": "ST-BKN"})
    inspected = post(
        api,
        f"/api/v1/returns/{return_id}/inspect",
        {"lines": [{"line": 1, "condition": "unopened", "disposition": "restock"}]},
    )
    refunded = post(api, f"/api/v1/returns/{return_id}/refund")

    assert (received.json()["received_at"], inspected.json()["status"]) == ("ST-BKN", "inspected")
    assert StockPosition.objects.get(location__code="ST-BKN", product__sku="TRAIL-JACKET-M").on_hand == 2
    body = refunded.json()
    assert (body["status"], body["refund_total"], body["lines"][0]["refund_amount"]) == ("refunded", "288.61", "288.61")
    assert [e["type"] for e in body["timeline"]] == [
        "ReturnCreated",
        "ReturnReceived",
        "ReturnLineInspected",
        "ReturnInspected",
        "ReturnRefunded",
    ]
    assert [r["rma_number"] for r in api.get(f"/api/v1/orders/{delivered}/returns").json()] == [body["rma_number"]]
    payments = api.get(f"/api/v1/orders/{delivered}/payments").json()
    assert (payments["captured"], payments["refunded"]) == ("312.45", "288.61")


def test_the_policy_check_gives_a_clear_answer(api, delivered) -> None:
    answer = post(api, "/api/v1/returns/check", a_return(delivered, line=2, quantity=2)).json()

    assert answer == {
        "returnable": False,
        "code": "exceeds_returnable",
        "message": "2 × WOOL-BEANIE asked back, 1 can be returned (1 shipped, 0 already returned)",
        "field": "lines[0].quantity",
    }


@pytest.fixture
def refused(api, db_state, error_of):  # type: ignore[no-untyped-def]
    def send(path: str, body: object | None = None) -> tuple[int, str, str | None]:
        before = db_state()
        response = post(api, path, body)
        assert db_state() == before
        return error_of(response)  # type: ignore[no-any-return]

    return send


def test_returning_more_than_was_shipped(refused, delivered) -> None:
    assert refused("/api/v1/returns", a_return(delivered, line=2, quantity=2)) == (
        422,
        "exceeds_returnable",
        "lines[0].quantity",
    )


def test_returning_outside_the_window(refused, delivered) -> None:
    FulfilmentOrder.objects.update(updated_at=clock.now() - timedelta(days=40))

    assert refused("/api/v1/returns", a_return(delivered)) == (422, "outside_return_window", "lines[0].line")


def test_returning_a_non_returnable_sku(refused, delivered, channels) -> None:
    ReturnPolicy.objects.create(channel=channels["web"], non_returnable_skus=["TRAIL-JACKET-M"])

    assert refused("/api/v1/returns", a_return(delivered)) == (422, "not_returnable", "lines[0].line")


def test_receiving_a_return_twice(api, refused, delivered) -> None:
    return_id = post(api, "/api/v1/returns", a_return(delivered)).json()["id"]
    post(api, f"/api/v1/returns/{return_id}/receive", {"location": "WH-NJ"})

    assert refused(f"/api/v1/returns/{return_id}/receive", {"location": "ST-MAN"}) == (
        409,
        "illegal_transition",
        "return_id",
    )


def test_refunding_twice(api, refused, delivered) -> None:
    return_id = post(api, "/api/v1/returns", a_return(delivered, received=True, store="ST-MAN", source="store")).json()[
        "id"
    ]
    post(
        api,
        f"/api/v1/returns/{return_id}/inspect",
        {"lines": [{"line": 1, "condition": "opened", "disposition": "restock"}]},
    )
    assert post(api, f"/api/v1/returns/{return_id}/refund").status_code == 200

    assert refused(f"/api/v1/returns/{return_id}/refund") == (409, "illegal_transition", "return_id")


def test_a_refund_above_what_was_captured(api, refused, plenty, order_of, ship_all) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))  # nobody reported a payment: nothing was captured
    ship_all(order_id)
    return_id = post(api, "/api/v1/returns", a_return(order_id, received=True, store="WH-NJ")).json()["id"]
    post(
        api,
        f"/api/v1/returns/{return_id}/inspect",
        {"lines": [{"line": 1, "condition": "opened", "disposition": "restock"}]},
    )

    assert refused(f"/api/v1/returns/{return_id}/refund") == (409, "refund_exceeds_captured", "amount")


def test_an_unknown_reason_or_return(api, refused, delivered, error_of) -> None:
    body = a_return(delivered)
    body["lines"][0]["reason"] = "bored"  # type: ignore[index]

    assert refused("/api/v1/returns", body) == (422, "invalid", ["returned", "lines[0].reason"][1])
    assert error_of(api.get("/api/v1/returns/999")) == (404, "not_found", "return_id")


def test_an_exchange_places_the_replacement_and_says_what_it_costs(api, delivered) -> None:
    response = post(
        api,
        "/api/v1/exchanges",
        {"returned": a_return(delivered, line=2), "replacement": [{"sku": "TRAIL-JACKET-M", "quantity": 1}]},
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["credit"], body["difference"], body["returned"]["status"]) == ("18.89", "130.11", "requested")
    replacement = api.get(f"/api/v1/orders/{body['replacement_order_id']}").json()
    assert (replacement["total"], replacement["lines"][0]["sku"]) == ("149.00", "TRAIL-JACKET-M")
