"""Supply, receipts, future availability, backorder queues, pre-order windows, deltas and the network view."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crossdock.services import clock
from crossdock.services.waiting.release import release_waiting_lines


def _post(api, path, body):  # type: ignore[no-untyped-def]
    return api.post(path, body, content_type="application/json")


def _purchase_order(api, quantity: int = 10, eta: str = "2031-07-01"):  # type: ignore[no-untyped-def]
    body = {
        "kind": "purchase_order",
        "reference": "PO-1001",
        "supplier": "Acme Shoes",
        "destination": "WH-NJ",
        "eta": eta,
        "lines": [{"sku": "RETRO-RUNNER-42", "quantity": quantity}],
    }
    return _post(api, "/api/v1/supplies", body)


def test_a_purchase_order_is_received_in_parts_and_shows_in_future_availability(api, stocked) -> None:
    created = _purchase_order(api)
    assert created.status_code == 201
    supply = created.json()

    before = api.get("/api/v1/availability/RETRO-RUNNER-42/future?available_on=2031-07-01").json()
    receipt = _post(
        api,
        f"/api/v1/supplies/{supply['id']}/receipts",
        {"reference": "DN-1", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 4}]},
    )

    assert (before["available_now"], before["arriving"], before["available_on"]) == (13, 10, 23)
    assert receipt.json() == {
        "supply_id": supply["id"],
        "reference": "DN-1",
        "duplicate": False,
        "status": "partially_received",
    }
    after = api.get(f"/api/v1/supplies/{supply['id']}").json()
    assert after["lines"] == [{"sku": "RETRO-RUNNER-42", "quantity": 10, "received": 4, "cancelled": 0, "open": 6}]
    network = api.get("/api/v1/inventory/network/RETRO-RUNNER-42").json()
    assert (network["on_hand"], network["on_order"], network["in_transit"]) == (17, 6, 0)


def test_a_receipt_larger_than_the_open_line_is_refused_and_writes_nothing(api, stocked, db_state, error_of) -> None:
    supply = _purchase_order(api, quantity=5).json()
    before = db_state()

    response = _post(
        api,
        f"/api/v1/supplies/{supply['id']}/receipts",
        {"reference": "DN-9", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 6}]},
    )

    assert error_of(response) == (422, "receipt_exceeds_open_quantity", "lines[0].quantity")
    assert db_state() == before


def test_a_backorder_waits_in_the_queue_and_is_released_by_a_receipt(api, stocked, order_body) -> None:
    assert (
        api.put("/api/v1/channels/web/policy", {"allow_backorders": True}, content_type="application/json").status_code
        == 200
    )
    assert (
        api.put(
            "/api/v1/inventory/backorderable", {"skus": ["TRAIL-JACKET-M"]}, content_type="application/json"
        ).status_code
        == 200
    )
    body = {
        "kind": "purchase_order",
        "reference": "PO-J",
        "destination": "WH-NJ",
        "eta": "2031-07-01",
        "lines": [{"sku": "TRAIL-JACKET-M", "quantity": 5}],
    }
    supply = _post(api, "/api/v1/supplies", body).json()
    order_body["lines"] = [{"sku": "TRAIL-JACKET-M", "quantity": 2}]

    order = _post(api, "/api/v1/orders", order_body)

    assert order.status_code == 201
    assert [(line["status"], line["unallocated_quantity"], line["promised_on"]) for line in order.json()["lines"]] == [
        ("backordered", 2, "2031-07-01")
    ]
    queue = api.get("/api/v1/inventory/backorders/TRAIL-JACKET-M").json()
    assert queue["summary"] == "2 backordered / 5 arriving on 2031-07-01"
    assert [(e["channel_order_id"], e["quantity"], e["promise_date"]) for e in queue["queue"]] == [
        ("W-1001", 2, "2031-07-01")
    ]
    _post(
        api,
        f"/api/v1/supplies/{supply['id']}/receipts",
        {"reference": "DN-1", "lines": [{"sku": "TRAIL-JACKET-M", "quantity": 5}]},
    )
    release_waiting_lines(clock.now())
    released = api.get(f"/api/v1/orders/{order.json()['id']}").json()
    assert [line["status"] for line in released["lines"]] == ["allocated"]
    assert (
        api.get("/api/v1/inventory/backorders/TRAIL-JACKET-M").json()["summary"] == "0 backordered / nothing on order"
    )


def test_a_preorder_through_the_api(api, stocked, order_body, error_of) -> None:
    now = clock.now()
    window = {
        "sku": "TRAIL-JACKET-M",
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=3)).isoformat(),
        "cap": 3,
    }
    assert _post(api, "/api/v1/preorder-windows", window).status_code == 201
    body = {
        "kind": "purchase_order",
        "reference": "PO-J",
        "destination": "WH-NJ",
        "eta": "2031-09-01",
        "lines": [{"sku": "TRAIL-JACKET-M", "quantity": 10}],
    }
    _post(api, "/api/v1/supplies", body)
    order_body["lines"] = [{"sku": "TRAIL-JACKET-M", "quantity": 2, "preorder": True}]

    placed = _post(api, "/api/v1/orders", order_body)
    order_body.update(channel_order_id="W-1002", lines=[{"sku": "TRAIL-JACKET-M", "quantity": 2, "preorder": True}])
    over_cap = _post(api, "/api/v1/orders", order_body)

    assert placed.status_code == 201
    assert [e["type"] for e in placed.json()["timeline"]].count("LinesPreordered") == 1
    assert error_of(over_cap) == (409, "preorder_cap_reached", "lines[0].quantity")
    assert [w["preordered"] for w in api.get("/api/v1/preorder-windows?sku=TRAIL-JACKET-M").json()] == [2]


def test_delta_feeds_through_the_api(api, stocked, position, db_state, error_of) -> None:
    body = {"location": "ST-MAN", "sequence": 7, "deltas": [{"sku": "RETRO-RUNNER-42", "delta": -1}]}

    first = _post(api, "/api/v1/inventory/deltas", body)
    replay = _post(api, "/api/v1/inventory/deltas", body)
    before = db_state()
    stale = _post(api, "/api/v1/inventory/deltas", {**body, "sequence": 6})
    unknown = _post(api, "/api/v1/inventory/deltas", {**body, "sequence": 8, "deltas": [{"sku": "NOPE", "delta": 1}]})

    assert first.json() == {"location": "ST-MAN", "sequence": 7, "duplicate": False, "applied": 1}
    assert replay.json()["duplicate"] is True
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 2
    assert error_of(stale) == (409, "stale_feed", "sequence")
    assert error_of(unknown) == (422, "unknown_sku", "deltas[0].sku")
    assert db_state() == before


@pytest.mark.parametrize(
    ("path", "body", "status", "code", "field"),
    [
        (
            "/api/v1/supplies",
            {
                "kind": "transfer",
                "reference": "T",
                "destination": "ST-MAN",
                "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 1}],
            },
            422,
            "invalid",
            "source",
        ),
        (
            "/api/v1/supplies",
            {
                "kind": "purchase_order",
                "reference": "P",
                "destination": "WH-NJ",
                "lines": [{"sku": "RETRO-RUNNER-42", "quantity": -3}],
            },
            422,
            "invalid",
            "lines[0].quantity",
        ),
        (
            "/api/v1/supplies",
            {
                "kind": "purchase_order",
                "reference": "P",
                "destination": "NOWHERE",
                "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 3}],
            },
            422,
            "unknown_location",
            "destination",
        ),
        (
            "/api/v1/supplies/999/receipts",
            {"reference": "R", "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 1}]},
            404,
            "not_found",
            "supply_id",
        ),
        (
            "/api/v1/inventory/deltas",
            {"location": "ST-MAN", "sequence": 1, "deltas": [{"sku": "RETRO-RUNNER-42", "delta": -99}]},
            422,
            "invalid",
            "deltas[0].delta",
        ),
        (
            "/api/v1/preorder-windows",
            {
                "sku": "RETRO-RUNNER-42",
                "starts_at": "2031-01-02T00:00:00Z",
                "ends_at": "2031-01-01T00:00:00Z",
                "cap": 1,
            },
            422,
            "invalid",
            "ends_at",
        ),
    ],
)
def test_bad_supply_requests_get_a_clear_error_and_write_nothing(
    api, stocked, db_state, error_of, path, body, status, code, field
) -> None:
    before = db_state()

    response = _post(api, path, body)

    assert error_of(response) == (status, code, field)
    assert db_state() == before


def test_future_availability_needs_a_date(api, stocked, error_of) -> None:
    assert error_of(api.get("/api/v1/availability/RETRO-RUNNER-42/future"))[:2] == (422, "invalid")
    assert error_of(api.get("/api/v1/availability/NOPE/future?available_on=2031-01-01")) == (422, "unknown_sku", "sku")
