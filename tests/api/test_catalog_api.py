"""The reference-data endpoints end to end: locations and products."""

from __future__ import annotations

from decimal import Decimal

from crossdock.db.models import Location, Product

BOSTON = {
    "code": "ST-BOS",
    "name": "Boston Newbury St",
    "type": "store",
    "latitude": 42.3496,
    "longitude": -71.0805,
    "timezone": "America/New_York",
    "city": "Boston",
    "country": "US",
    "capabilities": ["pickup", "ship_from_store"],
    "daily_capacity": 40,
}


def test_putting_locations_creates_then_updates_then_leaves_them(api) -> None:
    created = api.put("/api/v1/locations", {"locations": [BOSTON]}, content_type="application/json")
    updated = api.put(
        "/api/v1/locations", {"locations": [{**BOSTON, "daily_capacity": 60}]}, content_type="application/json"
    )
    unchanged = api.put(
        "/api/v1/locations", {"locations": [{**BOSTON, "daily_capacity": 60}]}, content_type="application/json"
    )

    assert [r.status_code for r in (created, updated, unchanged)] == [200, 200, 200]
    assert [r.json() for r in (created, updated, unchanged)] == [
        {"created": 1, "updated": 0, "unchanged": 0},
        {"created": 0, "updated": 1, "unchanged": 0},
        {"created": 0, "updated": 0, "unchanged": 1},
    ]
    assert Location.objects.get(code="ST-BOS").daily_capacity == 60


def test_listing_locations_shows_them_all_or_one_type(api, network) -> None:
    everything = api.get("/api/v1/locations")
    warehouses = api.get("/api/v1/locations?type=warehouse")

    assert [location["code"] for location in everything.json()] == ["ST-BKN", "ST-CHI", "ST-MAN", "WH-NJ"]
    assert warehouses.json() == [
        {
            "code": "WH-NJ",
            "name": "Newark DC",
            "type": "warehouse",
            "latitude": 40.7357,
            "longitude": -74.1724,
            "timezone": "America/New_York",
            "city": "",
            "country": "",
            "capabilities": ["ship"],
            "daily_capacity": 100,
            "active": True,
        }
    ]


def test_putting_products_creates_and_updates_them(api, products) -> None:
    body = {
        "products": [
            {"sku": "RETRO-RUNNER-42", "name": "Retro Runner, size 42", "price": "79.90", "barcode": "4006381333931"},
            {
                "sku": "SPEED-SOCK-L",
                "name": "Speed Sock, L",
                "price": "12.00",
                "brand": "Crossdock Sport",
                "attributes": {"size": "L", "colour": "neon yellow"},
            },
        ]
    }

    response = api.put("/api/v1/products", body, content_type="application/json")

    assert (response.status_code, response.json()) == (200, {"created": 1, "updated": 1, "unchanged": 0})
    assert Product.objects.get(sku="RETRO-RUNNER-42").price == Decimal("79.90")
    assert Product.objects.get(sku="SPEED-SOCK-L").attributes == {"size": "L", "colour": "neon yellow"}


def test_a_duplicate_code_in_a_batch_is_refused(api, db_state, error_of) -> None:
    before = db_state()

    response = api.put("/api/v1/locations", {"locations": [BOSTON, BOSTON]}, content_type="application/json")

    assert error_of(response) == (422, "duplicate_line", "locations[1].code")
    assert db_state() == before


def test_an_unknown_location_type_or_capability_is_refused(api, db_state, error_of) -> None:
    before = db_state()

    kind = api.put("/api/v1/locations", {"locations": [{**BOSTON, "type": "kiosk"}]}, content_type="application/json")
    capability = api.put(
        "/api/v1/locations", {"locations": [{**BOSTON, "capabilities": ["teleport"]}]}, content_type="application/json"
    )

    assert error_of(kind) == (422, "invalid", "locations[0].type")
    assert error_of(capability) == (422, "invalid", "locations[0].capabilities[0]")
    assert db_state() == before
