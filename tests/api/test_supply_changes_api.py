"""Cancelling supply, cancelling units of a line, a new ETA, and a pre-order window's launch, over the API."""

from __future__ import annotations

from typing import Any

import pytest

from crossdock.db.models import Supply


def _post(api, path: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    return api.post(path, body, content_type="application/json")


@pytest.fixture
def supply_id(api, stocked) -> int:  # type: ignore[no-untyped-def]
    body = {
        "kind": "purchase_order",
        "reference": "PO-1001",
        "destination": "WH-NJ",
        "eta": "2031-07-01",
        "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 10}, {"sku": "WOOL-BEANIE", "quantity": 4}],
    }
    return int(_post(api, "/api/v1/supplies", body).json()["id"])


def test_a_supply_is_cancelled(api, supply_id) -> None:
    response = _post(api, f"/api/v1/supplies/{supply_id}/cancel", {"reason": "supplier cannot deliver"})

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert [(line["cancelled"], line["open"]) for line in response.json()["lines"]] == [(10, 0), (4, 0)]


def test_units_of_one_line_are_cancelled(api, supply_id) -> None:
    response = _post(api, f"/api/v1/supplies/{supply_id}/lines/RETRO-RUNNER-42/cancel", {"quantity": 4})

    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert [(line["sku"], line["cancelled"], line["open"]) for line in response.json()["lines"]] == [
        ("RETRO-RUNNER-42", 4, 6),
        ("WOOL-BEANIE", 0, 4),
    ]


def test_a_new_eta_is_set(api, supply_id) -> None:
    response = api.put(f"/api/v1/supplies/{supply_id}/eta", {"eta": "2031-08-15"}, content_type="application/json")

    assert (response.status_code, response.json()["eta"]) == (200, "2031-08-15")


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("post", "/supplies/{id}/cancel", {"why": "typo"}, (422, "invalid", "why")),
        ("post", "/supplies/999999/cancel", {}, (404, "not_found", "supply_id")),
        ("post", "/supplies/{id}/lines/RETRO-RUNNER-42/cancel", {"quantity": 0}, (422, "invalid", "quantity")),
        ("post", "/supplies/{id}/lines/RETRO-RUNNER-42/cancel", {"quantity": 11}, (422, "invalid", "quantity")),
        ("post", "/supplies/{id}/lines/TRAIL-JACKET-M/cancel", {}, (404, "not_found", "sku")),
        ("put", "/supplies/{id}/eta", {}, (422, "invalid", "eta")),
        ("put", "/supplies/{id}/eta", {"eta": "soon"}, (422, "invalid", "eta")),
        ("put", "/supplies/999999/eta", {"eta": None}, (404, "not_found", "supply_id")),
    ],
)
def test_bad_changes_answer_4xx_and_write_nothing(
    api, supply_id, db_state, error_of, method, path, body, expected
) -> None:
    before, etas = db_state(), sorted(Supply.objects.values_list("id", "eta"))

    response = getattr(api, method)("/api/v1" + path.format(id=supply_id), body, content_type="application/json")

    assert error_of(response) == expected
    assert (db_state(), sorted(Supply.objects.values_list("id", "eta"))) == (before, etas)


def test_a_dispatched_supply_cannot_be_cancelled(api, supply_id, db_state, error_of) -> None:
    _post(api, f"/api/v1/supplies/{supply_id}/dispatch", {})
    before = db_state()

    response = _post(api, f"/api/v1/supplies/{supply_id}/cancel", {})

    assert error_of(response) == (409, "illegal_transition", "supply_id")
    assert db_state() == before


def test_a_preorder_window_takes_a_launch_date(api, stocked) -> None:
    body = {
        "sku": "TRAIL-JACKET-M",
        "starts_at": "2031-06-01T00:00:00Z",
        "ends_at": "2031-07-01T00:00:00Z",
        "cap": 50,
        "release_not_before": "2031-09-01T08:00:00Z",
    }

    response = _post(api, "/api/v1/preorder-windows", body)

    assert response.status_code == 201
    assert response.json()["release_not_before"] == "2031-09-01T08:00:00Z"


def test_a_launch_before_the_window_is_refused(api, stocked, db_state, error_of) -> None:
    body = {
        "sku": "TRAIL-JACKET-M",
        "starts_at": "2031-06-01T00:00:00Z",
        "ends_at": "2031-07-01T00:00:00Z",
        "cap": 50,
        "release_not_before": "2031-05-01T00:00:00Z",
    }
    before = db_state()

    response = _post(api, "/api/v1/preorder-windows", body)

    assert error_of(response) == (422, "invalid", "release_not_before")
    assert db_state() == before
