"""The inventory endpoints end to end: availability, snapshots, adjustments."""

from __future__ import annotations


def test_availability_answers_per_location_network_and_channel_nearest_first(api, stocked) -> None:
    response = api.get("/api/v1/availability?skus=RETRO-RUNNER-42,WOOL-BEANIE&channel=web&lat=40.7506&lon=-73.9971")

    assert response.status_code == 200
    runner, beanie = response.json()
    assert {
        key: runner[key] for key in ["sku", "on_hand", "reserved", "available", "channel", "channel_available"]
    } == {
        "sku": "RETRO-RUNNER-42",
        "on_hand": 13,
        "reserved": 0,
        "available": 13,
        "channel": "web",
        "channel_available": 13,
    }
    assert runner["locations"] == [
        {
            "location": "ST-MAN",
            "type": "store",
            "on_hand": 3,
            "reserved": 0,
            "safety_stock": 0,
            "available": 3,
            "distance_km": 1.3,
            "counts_for_channel": True,
        },
        {
            "location": "WH-NJ",
            "type": "warehouse",
            "on_hand": 10,
            "reserved": 0,
            "safety_stock": 0,
            "available": 10,
            "distance_km": 14.9,
            "counts_for_channel": True,
        },
    ]
    assert [(a["location"], a["available"]) for a in beanie["locations"]] == [("ST-MAN", 2), ("ST-BKN", 4)]


def test_availability_without_a_channel_or_coordinates(api, stocked) -> None:
    [beanie] = api.get("/api/v1/availability?skus=WOOL-BEANIE").json()

    assert (beanie["channel"], beanie["channel_available"], beanie["available"]) == (None, None, 6)
    assert [(a["location"], a["distance_km"]) for a in beanie["locations"]] == [("ST-BKN", None), ("ST-MAN", None)]


def test_a_snapshot_sets_on_hand_and_reports_what_it_did(api, stocked, position) -> None:
    body = {
        "location": "ST-MAN",
        "sequence": 1001,
        "positions": [
            {"sku": "RETRO-RUNNER-42", "on_hand": 3},
            {"sku": "WOOL-BEANIE", "on_hand": 5},
            {"sku": "TRAIL-JACKET-M", "on_hand": 2},
        ],
    }

    response = api.post("/api/v1/inventory/snapshots", body, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {
        "location": "ST-MAN",
        "sequence": 1001,
        "duplicate": False,
        "changed": 1,
        "unchanged": 1,
        "created": 1,
        "zeroed": 0,
        "released_units": 0,
    }
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 5
    assert position("ST-MAN", "TRAIL-JACKET-M").on_hand == 2


def test_a_complete_snapshot_sent_twice_changes_nothing_the_second_time(api, stocked, position) -> None:
    body = {"location": "ST-MAN", "sequence": 7, "complete": True, "positions": [{"sku": "WOOL-BEANIE", "on_hand": 1}]}
    first = api.post("/api/v1/inventory/snapshots", body, content_type="application/json")

    second = api.post("/api/v1/inventory/snapshots", body, content_type="application/json")

    assert (first.json()["changed"], first.json()["zeroed"]) == (1, 1)
    assert second.status_code == 200
    assert second.json()["duplicate"] is True
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 0
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 1


def test_a_low_count_releases_reservations_through_the_api(api, stocked, order_body) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]
    body = {"location": "ST-MAN", "sequence": 1, "positions": [{"sku": "RETRO-RUNNER-42", "on_hand": 1}]}

    response = api.post("/api/v1/inventory/snapshots", body, content_type="application/json")

    assert response.json()["released_units"] == 1
    line = api.get(f"/api/v1/orders/{order_id}").json()["lines"][0]
    assert (line["status"], line["unallocated_quantity"]) == ("unallocated", 1)


def test_adjustments_apply_and_answer_the_new_on_hand(api, stocked, position) -> None:
    body = {
        "adjustments": [
            {"location": "WH-NJ", "sku": "RETRO-RUNNER-42", "delta": 12, "reason": "PO-7781 received"},
            {"location": "ST-BKN", "sku": "WOOL-BEANIE", "delta": -1, "reason": "damaged"},
        ]
    }

    response = api.post("/api/v1/inventory/adjustments", body, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == [
        {"location": "WH-NJ", "sku": "RETRO-RUNNER-42", "on_hand": 22},
        {"location": "ST-BKN", "sku": "WOOL-BEANIE", "on_hand": 3},
    ]
    assert position("WH-NJ", "RETRO-RUNNER-42").on_hand == 22
