"""Bad input: a clear 4xx with code, message and field, never a 500, and nothing written."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from crossdock.db.models import Product

SHIPPED_RUNNERS = {"sku": "RETRO-RUNNER-42", "quantity": 2}


@pytest.fixture
def refused(api, stocked, db_state, error_of):  # type: ignore[no-untyped-def]
    """POSTs a body to an endpoint and returns (status, code, field), after checking nothing was written."""

    def post(body: object, path: str = "/api/v1/orders", **extra: object) -> tuple[int, str, str | None]:
        before = db_state()
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        response = api.post(path, data, content_type="application/json", **extra)
        assert db_state() == before
        return error_of(response)

    return post


def test_an_unknown_sku(refused, order_body) -> None:
    order_body["lines"][0]["sku"] = "MOON-BOOT-99"

    assert refused(order_body) == (422, "unknown_sku", "lines[0].sku")


def test_an_unknown_pickup_location(refused, order_body) -> None:
    order_body["lines"][1]["location"] = "ST-ATLANTIS"

    assert refused(order_body) == (422, "unknown_location", "lines[1].location")


@pytest.mark.parametrize("quantity", [0, -1, 1.5, "2", None, True, 100_001])
def test_a_quantity_that_is_not_a_positive_integer(refused, order_body, quantity: object) -> None:
    order_body["lines"][0]["quantity"] = quantity

    assert refused(order_body) == (422, "invalid", "lines[0].quantity")


def test_duplicate_lines(refused, order_body) -> None:
    order_body["lines"] = [SHIPPED_RUNNERS, {**SHIPPED_RUNNERS, "quantity": 1}]

    assert refused(order_body) == (422, "duplicate_line", "lines[1].sku")


def test_a_shipped_line_without_an_address(refused, order_body) -> None:
    del order_body["shipping_address"]

    assert refused(order_body) == (422, "address_required", "shipping_address")


def test_pickup_at_a_location_without_pickup(refused, order_body) -> None:
    order_body["lines"][1]["location"] = "ST-CHI"

    assert refused(order_body) == (422, "capability_missing", "lines[1].location")


def test_a_shipped_line_naming_a_store(refused, order_body) -> None:
    order_body["lines"][0]["location"] = "ST-MAN"

    assert refused(order_body) == (422, "invalid", "lines[0].location")


def test_an_unknown_delivery_method(refused, order_body) -> None:
    order_body["lines"][0]["delivery_method"] = "drone"

    assert refused(order_body) == (422, "invalid", "lines[0].delivery_method")


def test_an_unknown_channel(refused, order_body) -> None:
    order_body["channel"] = "carrier-pigeon"

    assert refused(order_body) == (422, "unknown_channel", "channel")


def test_a_currency_the_catalogue_is_not_priced_in(refused, order_body) -> None:
    order_body["currency"] = "EUR"

    assert refused(order_body) == (422, "invalid", "currency")


def test_a_total_too_large_to_store(refused, order_body, stock) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 100_000)
    order_body["lines"] = [{"sku": "RETRO-RUNNER-42", "quantity": 100_000, "unit_price": "9999999999.99"}]

    assert refused(order_body) == (422, "invalid", "lines")


def test_no_lines(refused, order_body) -> None:
    order_body["lines"] = []

    assert refused(order_body) == (422, "invalid", "lines")


def test_a_missing_required_field(refused, order_body) -> None:
    del order_body["channel_order_id"]

    assert refused(order_body) == (422, "invalid", "channel_order_id")


def test_unknown_fields_in_the_body(refused, order_body) -> None:
    order_body["gift_wrap"] = True

    assert refused(order_body) == (422, "invalid", "gift_wrap")


def test_unknown_fields_in_a_line(refused, order_body) -> None:
    order_body["lines"][0]["colour"] = "neon yellow"

    assert refused(order_body) == (422, "invalid", "lines[0].colour")


def test_unknown_fields_in_the_address(refused, order_body) -> None:
    order_body["shipping_address"]["zip"] = "10001"

    assert refused(order_body) == (422, "invalid", "shipping_address.zip")


def test_a_country_that_is_not_two_capital_letters(refused, order_body) -> None:
    order_body["shipping_address"]["country"] = "usa"

    assert refused(order_body) == (422, "invalid", "shipping_address.country")


def test_malformed_json(refused) -> None:
    assert refused('{"channel": "web", "lines": [') == (400, "malformed_json", "body")


def test_a_body_that_is_not_utf8(refused) -> None:
    assert refused(b'{"channel": "\xff\xfe"}') == (400, "malformed_json", "body")


@pytest.mark.parametrize("body", ["[]", '"an order"', "42", "null"])
def test_a_body_that_is_not_an_object(refused, body: str) -> None:
    status, code, _ = refused(body)

    assert (status, code) == (422, "invalid")


def test_a_body_over_the_size_limit(refused, order_body) -> None:
    order_body["customer"]["name"] = "A" * 150

    with override_settings(CROSSDOCK_MAX_BODY_BYTES=512):
        assert refused(order_body) == (413, "body_too_large", None)


def test_a_body_just_under_the_size_limit_is_read(api, stocked, order_body) -> None:
    size = len(json.dumps(order_body).encode())

    with override_settings(CROSSDOCK_MAX_BODY_BYTES=size):
        response = api.post("/api/v1/orders", json.dumps(order_body), content_type="application/json")

    assert response.status_code == 201


def test_an_idempotency_key_longer_than_200_characters(refused, order_body) -> None:
    assert refused(order_body, headers={"Idempotency-Key": "k" * 201}) == (422, "invalid", "Idempotency-Key")


def test_an_unknown_order_id(api, db_state, error_of) -> None:
    before = db_state()

    assert error_of(api.get("/api/v1/orders/424242")) == (404, "not_found", "order_id")
    assert error_of(api.get("/api/v1/orders/99999999999999999999999")) == (404, "not_found", "order_id")
    assert db_state() == before


def test_cancelling_an_unknown_order(refused) -> None:
    assert refused({"reason": "who?"}, path="/api/v1/orders/424242/cancel") == (404, "not_found", "order_id")


def test_cancelling_a_carried_out_line(api, refused) -> None:
    sale = {
        "channel": "store",
        "channel_order_id": "POS-ST-MAN-000018",
        "lines": [
            {"sku": "WOOL-BEANIE", "quantity": 1, "delivery_method": "carry_out", "location": "ST-MAN"},
            {"sku": "RETRO-RUNNER-42", "quantity": 1, "delivery_method": "pickup", "location": "ST-MAN"},
        ],
    }
    order_id = api.post("/api/v1/orders", sale, content_type="application/json").json()["id"]

    assert refused({"reason": "changed mind", "lines": [1]}, path=f"/api/v1/orders/{order_id}/cancel") == (
        409,
        "illegal_transition",
        "lines",
    )


def test_a_cancellation_without_a_reason(api, refused, order_body) -> None:
    order_id = api.post("/api/v1/orders", order_body, content_type="application/json").json()["id"]

    assert refused({"lines": [1]}, path=f"/api/v1/orders/{order_id}/cancel") == (422, "invalid", "reason")
    assert refused({"reason": ""}, path=f"/api/v1/orders/{order_id}/cancel") == (422, "invalid", "reason")


def test_an_older_snapshot_after_a_newer_one(api, refused) -> None:
    newer = {"location": "ST-MAN", "sequence": 42, "positions": [{"sku": "RETRO-RUNNER-42", "on_hand": 7}]}
    assert api.post("/api/v1/inventory/snapshots", newer, content_type="application/json").status_code == 200
    older = {"location": "ST-MAN", "sequence": 41, "positions": [{"sku": "RETRO-RUNNER-42", "on_hand": 1}]}

    assert refused(older, path="/api/v1/inventory/snapshots") == (409, "stale_feed", "sequence")


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        ({"location": "ST-ATLANTIS", "sequence": 1, "positions": []}, (422, "unknown_location", "location")),
        (
            {"location": "ST-MAN", "sequence": 1, "positions": [{"sku": "MOON-BOOT-99", "on_hand": 1}]},
            (422, "unknown_sku", "positions[0].sku"),
        ),
        (
            {"location": "ST-MAN", "sequence": 1, "positions": [{"sku": "WOOL-BEANIE", "on_hand": 1}] * 2},
            (422, "duplicate_line", "positions[1].sku"),
        ),
        (
            {"location": "ST-MAN", "sequence": 1, "positions": [{"sku": "WOOL-BEANIE", "on_hand": -1}]},
            (422, "invalid", "positions[0].on_hand"),
        ),
        ({"location": "ST-MAN", "sequence": -1, "positions": []}, (422, "invalid", "sequence")),
        ({"location": "ST-MAN", "sequence": 2**63, "positions": []}, (422, "invalid", "sequence")),
        ({"location": "ST-MAN", "sequence": "7", "positions": []}, (422, "invalid", "sequence")),
        ({"location": "ST-MAN", "sequence": 1, "positions": [], "full": True}, (422, "invalid", "full")),
    ],
)
def test_a_bad_snapshot(refused, snapshot: dict[str, object], expected: tuple[int, str, str]) -> None:
    assert refused(snapshot, path="/api/v1/inventory/snapshots") == expected


@pytest.mark.parametrize(
    ("adjustment", "expected"),
    [
        (
            {"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": -3, "reason": "stolen"},
            (422, "invalid", "adjustments[1].delta"),
        ),
        (
            {"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": 0, "reason": "nothing"},
            (422, "invalid", "adjustments[1].delta"),
        ),
        (
            {"location": "ST-MAN", "sku": "MOON-BOOT-99", "delta": 1, "reason": "found"},
            (422, "unknown_sku", "adjustments[1].sku"),
        ),
        (
            {"location": "ST-NOWHERE", "sku": "WOOL-BEANIE", "delta": 1, "reason": "found"},
            (422, "unknown_location", "adjustments[1].location"),
        ),
        (
            {"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": 1.5, "reason": "found"},
            (422, "invalid", "adjustments[1].delta"),
        ),
        (
            {"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": 1, "reason": ""},
            (422, "invalid", "adjustments[1].reason"),
        ),
    ],
)
def test_a_bad_adjustment_refuses_the_whole_batch(
    refused, adjustment: dict[str, object], expected: tuple[int, str, str]
) -> None:
    receipt = {"location": "WH-NJ", "sku": "RETRO-RUNNER-42", "delta": 5, "reason": "PO-7781 received"}

    assert refused({"adjustments": [receipt, adjustment]}, path="/api/v1/inventory/adjustments") == expected


def test_adjustments_that_would_overflow_on_hand(refused) -> None:
    receipt = {"location": "WH-NJ", "sku": "RETRO-RUNNER-42", "delta": 1_000_000, "reason": "a very large PO"}

    assert refused({"adjustments": [receipt] * 2200}, path="/api/v1/inventory/adjustments") == (
        422,
        "invalid",
        "adjustments[2147].delta",
    )


def test_a_location_with_an_unknown_time_zone(api, db_state, error_of) -> None:
    before = db_state()
    body = {
        "locations": [
            {
                "code": "ST-BOS",
                "name": "Boston",
                "type": "store",
                "latitude": 42.35,
                "longitude": -71.08,
                "timezone": "Mars/Olympus_Mons",
            }
        ]
    }

    response = api.put("/api/v1/locations", body, content_type="application/json")

    assert error_of(response) == (422, "invalid", "locations[0].timezone")
    assert db_state() == before


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ({"sku": "A", "name": "A", "price": "NaN"}, (422, "invalid", "products[0].price")),
        ({"sku": "A", "name": "A", "price": "-1.00"}, (422, "invalid", "products[0].price")),
        ({"sku": "A", "name": "A", "price": "1.001"}, (422, "invalid", "products[0].price")),
        ({"sku": "A", "name": "A", "price": "1.00", "currency": "usd"}, (422, "invalid", "products[0].currency")),
        ({"sku": "", "name": "A", "price": "1.00"}, (422, "invalid", "products[0].sku")),
        (
            {"sku": "A", "name": "A", "price": "1.00", "barcode": "4006381333931"},
            (422, "invalid", "products[0].barcode"),
        ),
    ],
)
def test_a_bad_product(
    api, products, db_state, error_of, product: dict[str, object], expected: tuple[int, str, str]
) -> None:
    before = db_state()

    response = api.put("/api/v1/products", {"products": [product]}, content_type="application/json")

    assert error_of(response) == expected
    assert db_state() == before
    assert Product.objects.filter(sku="A").exists() is False


def test_a_bad_availability_question(api, stocked, error_of) -> None:
    assert error_of(api.get("/api/v1/availability?skus=MOON-BOOT-99")) == (422, "unknown_sku", "skus[0]")
    assert error_of(api.get("/api/v1/availability?skus=,,")) == (422, "invalid", "skus")
    assert error_of(api.get("/api/v1/availability")) == (422, "invalid", "skus")
    assert error_of(api.get("/api/v1/availability?skus=WOOL-BEANIE&channel=nope")) == (
        422,
        "unknown_channel",
        "channel",
    )
    assert error_of(api.get("/api/v1/availability?skus=WOOL-BEANIE&lat=40.7")) == (422, "invalid", "lon")
    assert error_of(api.get("/api/v1/availability?skus=WOOL-BEANIE&lat=91&lon=0")) == (422, "invalid", "lat")
    skus = ",".join(f"SKU-{n}" for n in range(101))
    assert error_of(api.get(f"/api/v1/availability?skus={skus}")) == (422, "invalid", "skus")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/orders", '{"channel": "web\\u0000", "channel_order_id": "W-1", "lines": []}'),
        (
            "/api/v1/inventory/snapshots",
            '{"location": "ST-MAN", "sequence": 1, "positions": [{"sku": "A\\u0000", "on_hand": 1}]}',
        ),
    ],
)
def test_a_nul_character_in_a_body_is_refused(refused, path: str, body: str) -> None:
    assert refused(body, path=path) == (400, "malformed_json", "body")


def test_a_nul_character_in_a_product_attribute_is_refused(api, db_state, error_of) -> None:
    before = db_state()
    body = '{"products": [{"sku": "A", "name": "A", "price": "1.00", "attributes": {"colour": "red\\u0000"}}]}'

    response = api.put("/api/v1/products", body, content_type="application/json")

    assert error_of(response) == (400, "malformed_json", "body")
    assert db_state() == before


def test_a_nul_character_in_a_query_is_refused(api, stocked, error_of) -> None:
    assert error_of(api.get("/api/v1/orders", {"status": "placed\x00"})) == (422, "invalid", "status")
    assert error_of(api.get("/api/v1/availability", {"skus": "WOOL-BEANIE\x00"})) == (422, "invalid", "skus")


def test_a_nul_character_in_the_idempotency_key_is_refused(refused, order_body) -> None:
    assert refused(order_body, headers={"Idempotency-Key": "k\x00"}) == (422, "invalid", "Idempotency-Key")
