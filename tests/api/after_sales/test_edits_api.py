"""Order edits and partial cancellations through the API."""

from __future__ import annotations

from crossdock.db.models import FulfilmentOrder


def test_editing_an_order_answers_with_the_order_as_it_now_is(api, plenty, order_of, position) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 2), ("WOOL-BEANIE", 1))

    response = api.post(
        f"/api/v1/orders/{order_id}/edit",
        {
            "reason": "customer called",
            "lines": [{"line": 1, "quantity": 3}],
            "add": [{"sku": "RETRO-RUNNER-42", "quantity": 1}],
            "remove": [2],
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert [(line["line_number"], line["sku"], line["quantity"], line["status"]) for line in body["lines"]] == [
        (1, "TRAIL-JACKET-M", 3, "allocated"),
        (2, "WOOL-BEANIE", 1, "cancelled"),
        (3, "RETRO-RUNNER-42", 1, "allocated"),
    ]
    assert body["total"] == "536.90"
    assert [event["type"] for event in body["timeline"][-2:]] == ["OrderEdited", "OrderRouted"]
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 3


def test_editing_a_line_being_picked_is_409_edit_refused_and_writes_nothing(
    api, plenty, order_of, db_state, error_of
) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 2))
    FulfilmentOrder.objects.update(status="picking")
    before = db_state()

    response = api.post(
        f"/api/v1/orders/{order_id}/edit",
        {"reason": "customer called", "lines": [{"line": 1, "quantity": 1}]},
        content_type="application/json",
    )

    assert error_of(response) == (409, "edit_refused", "lines[0]")
    assert db_state() == before


def test_editing_a_shipped_line_is_409_and_writes_nothing(api, plenty, order_of, ship_all, db_state, error_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "pickup", "ST-BKN"), ("TRAIL-JACKET-M", 1))
    ship_all(order_id)
    before = db_state()

    response = api.post(
        f"/api/v1/orders/{order_id}/edit",
        {"reason": "too late", "shipping_address": {"name": "A", "line1": "2 Main", "city": "NY", "country": "US"}},
        content_type="application/json",
    )

    assert error_of(response) == (409, "edit_refused", "order_id")
    assert db_state() == before


def test_cancelling_part_of_a_line(api, plenty, order_of) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 3))

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel-quantities",
        {"reason": "one is enough", "lines": [{"line": 1, "quantity": 2}]},
        content_type="application/json",
    )

    assert response.status_code == 200
    (line,) = response.json()["lines"]
    assert (line["quantity"], line["cancelled_quantity"], line["line_total"]) == (1, 2, "149.00")


def test_cancelling_more_than_the_line_has_is_422_and_writes_nothing(api, plenty, order_of, db_state, error_of) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 3))
    before = db_state()

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel-quantities",
        {"reason": "r", "lines": [{"line": 1, "quantity": 4}]},
        content_type="application/json",
    )

    assert error_of(response) == (422, "invalid", "lines[0].quantity")
    assert db_state() == before


def test_cancelling_a_collected_order_is_409_and_writes_nothing(
    api, plenty, order_of, ship_all, db_state, error_of
) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "pickup", "ST-BKN"))
    ship_all(order_id)
    before = db_state()

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel", {"reason": "changed mind"}, content_type="application/json"
    )

    assert error_of(response)[:2] == (409, "illegal_transition")
    assert db_state() == before
