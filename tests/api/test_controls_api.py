"""Inventory controls and the availability explanation, end to end through the API."""

from __future__ import annotations

import pytest


def test_explain_shows_every_figure_per_location_and_how_they_add_up(api, stocked, products) -> None:
    # given the web keeps 2 back at stores, needs 5 units network-wide, and Newark has a safety stock rule
    products["RETRO-RUNNER-42"].category = "shoes"
    products["RETRO-RUNNER-42"].save()
    controls = {
        "location_types": ["warehouse", "store"],
        "buffers": [{"location_type": "store", "units": 2}],
        "thresholds": [{"sku": "RETRO-RUNNER-42", "min_units": 5}],
    }
    assert api.put("/api/v1/channels/web/controls", controls, content_type="application/json").status_code == 200
    rules = {"rules": [{"location_type": "warehouse", "category": "shoes", "quantity": 3}]}
    assert api.put("/api/v1/inventory/safety-stock-rules", rules, content_type="application/json").status_code == 200

    response = api.get("/api/v1/availability/RETRO-RUNNER-42/explain?channel=web")

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in body if key not in ("locations", "working")} == {
        "sku": "RETRO-RUNNER-42",
        "channel": "web",
        "on_hand": 13,
        "reserved": 0,
        "safety_stock": 3,
        "available": 10,
        "channel_total": 8,
        "queued": 0,
        "threshold": 5,
        "below_threshold": False,
        "sellable": 8,
    }
    assert [
        (f["location"], f["safety_stock"], f["safety_source"], f["available"], f["buffer"], f["sellable"])
        for f in body["locations"]
    ] == [("WH-NJ", 3, "location_type_category", 7, 0, 7), ("ST-MAN", 0, "none", 3, 2, 1)]
    assert body["locations"][1]["working"] == (
        "3 on hand − 0 reserved − 0 safety stock (none) = 3 available; − 2 channel buffer = 1"
    )
    assert body["working"] == [
        "8 units at the 2 locations that count",
        "8 against a threshold of 5: at or above it",
        "= 8 sellable",
    ]
    [runner] = api.get("/api/v1/availability?skus=RETRO-RUNNER-42&channel=web").json()
    assert runner["channel_available"] == 8


def test_blocks_are_created_listed_and_lifted(api, stocked) -> None:
    created = api.post(
        "/api/v1/inventory/blocks", {"location": "ST-MAN", "reason": "flooded"}, content_type="application/json"
    )

    assert created.status_code == 201
    block = created.json()
    assert (block["location"], block["sku"], block["reason"]) == ("ST-MAN", None, "flooded")
    [explained] = [
        f
        for f in api.get("/api/v1/availability/RETRO-RUNNER-42/explain?channel=web").json()["locations"]
        if f["location"] == "ST-MAN"
    ]
    assert (explained["counts"], explained["excluded_because"], explained["sellable"]) == (False, "blocked", 0)
    assert [b["id"] for b in api.get("/api/v1/inventory/blocks").json()] == [block["id"]]
    assert api.delete(f"/api/v1/inventory/blocks/{block['id']}").status_code == 204
    assert api.get("/api/v1/inventory/blocks").json() == []


def test_position_safety_stock_is_set_through_the_api(api, stocked, position) -> None:
    body = {"positions": [{"location": "WH-NJ", "sku": "RETRO-RUNNER-42", "safety_stock": 4}]}

    response = api.put("/api/v1/inventory/safety-stock", body, content_type="application/json")

    assert (response.status_code, response.json()) == (200, {"changed": 1})
    assert position("WH-NJ", "RETRO-RUNNER-42").safety_stock == 4


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code", "field"),
    [
        ("put", "/api/v1/channels/web/controls", {"include": ["NOWHERE"]}, 422, "unknown_location", "include[0]"),
        (
            "put",
            "/api/v1/channels/web/controls",
            {"buffers": [{"units": -2, "location_type": "store"}]},
            422,
            "invalid",
            "buffers[0].units",
        ),
        ("put", "/api/v1/channels/web/controls", {"location_types": ["moon"]}, 422, "invalid", "location_types[0]"),
        ("put", "/api/v1/channels/web/controls", {"surprise": 1}, 422, "invalid", "surprise"),
        ("put", "/api/v1/channels/nowhere/controls", {}, 404, "not_found", "channel"),
        ("put", "/api/v1/inventory/safety-stock-rules", {"rules": [{"quantity": 1}]}, 422, "invalid", "rules[0]"),
        (
            "put",
            "/api/v1/inventory/safety-stock-rules",
            {"rules": [{"quantity": -1, "location_type": "store"}]},
            422,
            "invalid",
            "rules[0].quantity",
        ),
        (
            "put",
            "/api/v1/inventory/safety-stock",
            {"positions": [{"location": "WH-NJ", "sku": "NOPE", "safety_stock": 1}]},
            422,
            "unknown_sku",
            "positions[0].sku",
        ),
        ("post", "/api/v1/inventory/blocks", {"sku": "NOPE", "reason": "x"}, 422, "unknown_sku", "sku"),
        ("post", "/api/v1/inventory/blocks", {"reason": "x"}, 422, "invalid", "location"),
        ("delete", "/api/v1/inventory/blocks/999", None, 404, "not_found", "block_id"),
    ],
)
def test_bad_control_requests_get_a_clear_error_and_change_nothing(
    api, stocked, db_state, error_of, method, path, body, status, code, field
) -> None:
    before = db_state()

    if body is None:
        response = getattr(api, method)(path)
    else:
        response = getattr(api, method)(path, body, content_type="application/json")

    assert error_of(response) == (status, code, field)
    assert db_state() == before


def test_explain_refuses_an_unknown_sku_or_channel(api, stocked, error_of) -> None:
    assert error_of(api.get("/api/v1/availability/NOPE/explain")) == (422, "unknown_sku", "sku")
    assert error_of(api.get("/api/v1/availability/RETRO-RUNNER-42/explain?channel=moon")) == (
        422,
        "unknown_channel",
        "channel",
    )


def test_changing_controls_needs_the_inventory_write_scope(client_with, stocked, db_state, error_of) -> None:
    reader = client_with("inventory:read")
    before = db_state()

    response = reader.put("/api/v1/channels/web/controls", {}, content_type="application/json")

    assert error_of(response) == (403, "forbidden", "scope")
    assert reader.get("/api/v1/channels/web/controls").status_code == 200
    assert db_state() == before
