"""Placing an order with a discount and a shipping charge through the API."""

from __future__ import annotations


def test_an_order_with_discount_and_shipping_shows_its_money(api, stocked, order_body) -> None:
    order_body |= {"discount": "10.00", "shipping_charge": "4.95"}

    response = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert response.status_code == 201
    body = response.json()
    assert {key: body[key] for key in ["subtotal", "discount_total", "shipping_total", "total", "on_hold"]} == {
        "subtotal": "199.30",
        "discount_total": "10.00",
        "shipping_total": "4.95",
        "total": "194.25",
        "on_hold": False,
    }
    assert [(line["discount"], line["line_total"]) for line in body["lines"]] == [
        ("9.02", "170.78"),
        ("0.98", "18.52"),
    ]


def test_a_negative_discount_is_refused_with_its_field(api, stocked, order_body, db_state, error_of) -> None:
    order_body["discount"] = "-1.00"
    before = db_state()

    response = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert error_of(response) == (422, "invalid", "discount")
    assert db_state() == before


def test_a_discount_above_the_goods_is_refused(api, stocked, order_body, db_state, error_of) -> None:
    order_body["discount"] = "199.31"
    before = db_state()

    response = api.post("/api/v1/orders", order_body, content_type="application/json")

    assert error_of(response) == (422, "invalid", "discount")
    assert db_state() == before
