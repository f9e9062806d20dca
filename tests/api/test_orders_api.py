"""The orders endpoints end to end: create, replay, read, cancel."""

from __future__ import annotations

from crossdock.db.models import Order


def test_placing_an_order_answers_201_with_lines_fulfilments_and_timeline(api, stocked, order_body) -> None:
    response = api.post(
        "/api/v1/orders", order_body, content_type="application/json", headers={"Idempotency-Key": "k-1001"}
    )

    assert response.status_code == 201
    assert response.headers.get("Idempotent-Replayed") is None
    body = response.json()
    assert {
        key: body[key]
        for key in ["channel", "channel_order_id", "status", "customer_id", "customer_email", "currency", "total"]
    } == {
        "channel": "web",
        "channel_order_id": "W-1001",
        "status": "placed",
        "customer_id": "C-ADA-7",
        "customer_email": "ada@example.com",
        "currency": "USD",
        "total": "199.30",
    }
    assert [
        (
            line["line_number"],
            line["sku"],
            line["quantity"],
            line["unit_price"],
            line["delivery_method"],
            line["location"],
            line["status"],
        )
        for line in body["lines"]
    ] == [
        (1, "RETRO-RUNNER-42", 2, "89.90", "ship", None, "allocated"),
        (2, "WOOL-BEANIE", 1, "19.50", "pickup", "ST-BKN", "allocated"),
    ]
    assert [(f["location"], f["delivery_method"], f["status"], f["lines"]) for f in body["fulfilments"]] == [
        ("ST-BKN", "pickup", "assigned", [{"line_number": 2, "sku": "WOOL-BEANIE", "quantity": 1}]),
        ("ST-MAN", "ship", "assigned", [{"line_number": 1, "sku": "RETRO-RUNNER-42", "quantity": 2}]),
    ]
    assert [(event["type"], event["actor"]) for event in body["timeline"]] == [
        ("OrderPlaced", "api:integrator-admin"),
        ("OrderRouted", "api:integrator-admin"),
        ("FulfilmentCreated", "api:integrator-admin"),
        ("FulfilmentCreated", "api:integrator-admin"),
    ]
    assert body["shipping_address"]["city"] == "New York"


def test_sending_the_same_order_again_replays_the_first_with_200(api, stocked, order_body, position) -> None:
    first = api.post(
        "/api/v1/orders", order_body, content_type="application/json", headers={"Idempotency-Key": "k-1001"}
    )

    again = api.post(
        "/api/v1/orders", order_body, content_type="application/json", headers={"Idempotency-Key": "k-1001"}
    )

    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Order.objects.count() == 1
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 2


def test_the_same_channel_order_id_without_a_key_replays_too(api, stocked, order_body) -> None:
    first = api.post("/api/v1/orders", order_body, content_type="application/json")

    again = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])


def test_a_reused_key_with_other_content_is_409_and_writes_nothing(
    api, stocked, order_body, db_state, error_of
) -> None:
    api.post("/api/v1/orders", order_body, content_type="application/json", headers={"Idempotency-Key": "k-1001"})
    before = db_state()
    other = {**order_body, "channel_order_id": "W-1002"}

    response = api.post("/api/v1/orders", other, content_type="application/json", headers={"Idempotency-Key": "k-1001"})

    assert error_of(response) == (409, "idempotency_conflict", "Idempotency-Key")
    assert db_state() == before


def test_an_order_without_stock_is_409_insufficient_stock_and_writes_nothing(
    api, stocked, order_body, db_state, error_of
) -> None:
    order_body["lines"][0]["quantity"] = 14
    before = db_state()

    response = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert error_of(response) == (409, "insufficient_stock", "lines[0].quantity")
    assert db_state() == before


def test_allow_unallocated_accepts_an_order_without_stock(api, stocked, order_body) -> None:
    order_body["lines"][0]["quantity"] = 14
    order_body["allow_unallocated"] = True

    response = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert response.status_code == 201
    assert [(line["status"], line["unallocated_quantity"]) for line in response.json()["lines"]] == [
        ("unallocated", 1),
        ("allocated", 0),
    ]


def test_a_carry_out_sale_answers_with_a_completed_order(api, stocked) -> None:
    body = {
        "channel": "store",
        "channel_order_id": "POS-ST-MAN-000017",
        "lines": [
            {
                "sku": "WOOL-BEANIE",
                "quantity": 1,
                "delivery_method": "carry_out",
                "location": "ST-MAN",
                "unit_price": "15.00",
            }
        ],
    }

    response = api.post("/api/v1/orders", body, content_type="application/json")

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["total"]) == ("completed", "15.00")
    assert [f["status"] for f in response.json()["fulfilments"]] == ["collected"]


def test_reading_an_order_returns_what_placing_it_returned(api, stocked, order_body) -> None:
    placed = api.post("/api/v1/orders", order_body, content_type="application/json").json()

    response = api.get(f"/api/v1/orders/{placed['id']}")

    assert response.status_code == 200
    assert response.json() == placed


def test_cancelling_a_whole_order_releases_its_stock(api, stocked, order_body, position) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel", {"reason": "customer changed their mind"}, content_type="application/json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled"
    assert [line["status"] for line in body["lines"]] == ["cancelled", "cancelled"]
    assert (body["timeline"][-1]["type"], body["timeline"][-1]["reason"]) == (
        "OrderCancelled",
        "customer changed their mind",
    )
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0
    assert position("ST-BKN", "WOOL-BEANIE").reserved == 0


def test_cancelling_some_lines_releases_only_theirs(api, stocked, order_body, position) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel",
        {"reason": "beanie no longer wanted", "lines": [2]},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert [line["status"] for line in response.json()["lines"]] == ["allocated", "cancelled"]
    assert [(f["location"], f["status"]) for f in response.json()["fulfilments"]] == [
        ("ST-BKN", "cancelled"),
        ("ST-MAN", "assigned"),
    ]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 2
    assert position("ST-BKN", "WOOL-BEANIE").reserved == 0


def test_cancelling_a_line_the_order_lacks_is_422_and_changes_nothing(
    api, stocked, order_body, db_state, error_of
) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]
    before = db_state()

    response = api.post(
        f"/api/v1/orders/{order_id}/cancel", {"reason": "typo", "lines": [3]}, content_type="application/json"
    )

    assert error_of(response) == (422, "invalid", "lines[0]")
    assert db_state() == before


def test_cancelling_a_cancelled_order_is_409(api, stocked, order_body, db_state, error_of) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]
    api.post(f"/api/v1/orders/{order_id}/cancel", {"reason": "first"}, content_type="application/json")
    before = db_state()

    response = api.post(f"/api/v1/orders/{order_id}/cancel", {"reason": "second"}, content_type="application/json")

    assert error_of(response) == (409, "illegal_transition", "order_id")
    assert db_state() == before
