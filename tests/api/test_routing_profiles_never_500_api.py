"""Whatever a client puts in a routing profile, the answer is never a 500."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_never_500_api import json_values

SPEC: dict[str, Any] = {
    "selector": {"channels": ["web"], "delivery_methods": ["ship"], "min_order_value": "25.00"},
    "filters": {"location_types": ["store"], "before_cutoff": "15:00", "min_reliability": 0.7},
    "cost": {"per_parcel": 8.0, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000.0},
    "strategy": "offer",
    "offers": {"store_count": 2, "escalation": ["warehouses"]},
}
SPEC_PATHS = [
    (section, key) for section in ("selector", "filters", "cost", "offers") for key in [*SPEC[section], "unknown"]
] + [("cost", "per_unit_by_kind"), ("filters", "max_distance_km"), ("selector", "max_order_value"), ("strategy",)]
NAMES = itertools.count(1)
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    target = spec
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return spec


@FUZZ
@given(path=st.sampled_from(SPEC_PATHS), value=json_values)
def test_a_profile_with_any_value_in_any_field(api, channels, path, value) -> None:  # type: ignore[no-untyped-def]
    body = {"name": f"fuzz-{next(NAMES)}", "spec": _with(path, value)}

    response = api.post("/api/v1/routing/profiles", json.dumps(body), content_type="application/json")

    assert response.status_code < 500, response.content[:500]
    if response.status_code == 201:
        activated = api.post(f"/api/v1/routing/profiles/{response.json()['id']}/versions/1/activate")
        assert activated.status_code < 500, activated.content[:500]
    else:
        assert {"code", "message", "field"} <= set(response.json())
