"""Whatever a client sends, the answer is never a 500: random values in every field of every body."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=300)
    | st.sampled_from(
        ["", "0", "-1", "1.5", "ship", "pickup", "ST-MAN", "ST-CHI", "WOOL-BEANIE", "9" * 40, "ß\u0000☃"]
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=6,
)

ORDER_PATHS = [
    ("channel",),
    ("channel_order_id",),
    ("currency",),
    ("customer",),
    ("customer", "id"),
    ("customer", "email"),
    ("shipping_address",),
    ("shipping_address", "latitude"),
    ("shipping_address", "country"),
    ("lines",),
    ("lines", 0),
    ("lines", 0, "sku"),
    ("lines", 0, "quantity"),
    ("lines", 0, "unit_price"),
    ("lines", 1, "delivery_method"),
    ("lines", 1, "location"),
    ("allow_unallocated",),
    ("an_unknown_field",),
]
SNAPSHOT = {"location": "ST-MAN", "sequence": 5, "complete": False, "positions": [{"sku": "WOOL-BEANIE", "on_hand": 3}]}
SNAPSHOT_PATHS = [
    ("location",),
    ("sequence",),
    ("complete",),
    ("positions",),
    ("positions", 0, "sku"),
    ("positions", 0, "on_hand"),
]
ADJUSTMENTS = {"adjustments": [{"location": "ST-MAN", "sku": "WOOL-BEANIE", "delta": 2, "reason": "found"}]}
ADJUSTMENT_PATHS = [
    ("adjustments",),
    ("adjustments", 0, "location"),
    ("adjustments", 0, "delta"),
    ("adjustments", 0, "reason"),
]
ORDER_NUMBERS = itertools.count(1)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _with(body: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target: Any = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def _assert_clean(response: Any) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        body = response.json()
        assert {"code", "message", "field"} <= set(body)


@FUZZ
@given(path=st.sampled_from(ORDER_PATHS), value=json_values)
def test_placing_an_order_with_any_value_in_any_field(api, stocked, order_body, path, value) -> None:
    body = _with(order_body, path, value)
    body["channel_order_id"] = (
        body["channel_order_id"] if path == ("channel_order_id",) else f"W-FUZZ-{next(ORDER_NUMBERS)}"
    )

    _assert_clean(api.post("/api/v1/orders", json.dumps(body), content_type="application/json"))


@FUZZ
@given(path=st.sampled_from(SNAPSHOT_PATHS), value=json_values)
def test_a_snapshot_with_any_value_in_any_field(api, stocked, path, value) -> None:
    _assert_clean(
        api.post(
            "/api/v1/inventory/snapshots", json.dumps(_with(SNAPSHOT, path, value)), content_type="application/json"
        )
    )


@FUZZ
@given(path=st.sampled_from(ADJUSTMENT_PATHS), value=json_values)
def test_an_adjustment_with_any_value_in_any_field(api, stocked, path, value) -> None:
    body = json.dumps(_with(ADJUSTMENTS, path, value))

    _assert_clean(api.post("/api/v1/inventory/adjustments", body, content_type="application/json"))


@FUZZ
@given(
    parameter=st.sampled_from(["status", "channel", "customer", "created_after", "created_before", "cursor", "limit"]),
    value=st.text(max_size=60),
)
def test_searching_orders_with_any_query_value(api, stocked, parameter, value) -> None:
    _assert_clean(api.get("/api/v1/orders", {parameter: value}))


@FUZZ
@given(parameter=st.sampled_from(["skus", "channel", "lat", "lon"]), value=st.text(max_size=60))
def test_asking_availability_with_any_query_value(api, stocked, parameter, value) -> None:
    query = {"skus": "WOOL-BEANIE", parameter: value}

    _assert_clean(api.get("/api/v1/availability", query))


@pytest.mark.parametrize("body", [b"", b"\x00", b"{}", b"{" * 5000, b'{"lines": ' + b"[" * 3000 + b"]" * 3000 + b"}"])
def test_degenerate_bodies(api, stocked, body: bytes) -> None:
    _assert_clean(api.post("/api/v1/orders", body, content_type="application/json"))
