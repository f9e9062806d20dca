"""Routing profiles through the API: create, edit the draft, activate, archive; bad input is a clear 4xx
naming the field, and writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

NEAREST = {"per_parcel": 8.0, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000.0}
WEB_EXPRESS = {
    "name": "web-express",
    "description": "Web orders shipped from reliable stores",
    "spec": {
        "selector": {"channels": ["web"], "delivery_methods": ["ship"], "min_order_value": "25.00"},
        "filters": {"location_types": ["store"], "min_reliability": 0.7},
        "cost": {**NEAREST, "split_penalty": 2.0, "unreliability_weight": 5.0},
        "strategy": "offer",
        "offers": {"store_count": 2, "claim_timeout_seconds": 600},
    },
}
PROFILES = "/api/v1/routing/profiles"


def send(client, method: str, path: str, body: object = None):  # type: ignore[no-untyped-def]
    if body is None:
        return getattr(client, method)(path)
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(path, data, content_type="application/json")


@pytest.fixture
def web_express(api, network) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = send(api, "post", PROFILES, WEB_EXPRESS)
    assert response.status_code == 201
    return response.json()


def test_a_profile_is_created_edited_activated_and_archived(api, network) -> None:  # type: ignore[no-untyped-def]
    created = send(api, "post", PROFILES, WEB_EXPRESS)
    assert created.status_code == 201
    profile = created.json()
    assert (profile["name"], profile["active_version"], profile["draft_version"]) == ("web-express", None, 1)
    assert profile["versions"][0]["spec"]["selector"]["min_order_value"] == "25.00"
    assert profile["versions"][0]["spec"]["offers"]["escalation"] == ["next_stores", "warehouses", "backorder"]
    path = f"{PROFILES}/{profile['id']}"

    edited = send(api, "put", f"{path}/draft", {"spec": {**WEB_EXPRESS["spec"], "strategy": "assign"}})
    activated = api.post(f"{path}/versions/1/activate")
    next_draft = send(api, "put", f"{path}/draft", {"spec": WEB_EXPRESS["spec"], "description": "offers again"})
    second = api.post(f"{path}/versions/2/activate")

    assert (edited.status_code, edited.json()["versions"][0]["spec"]["strategy"]) == (200, "assign")
    assert (activated.status_code, activated.json()["warnings"]) == (200, [])
    assert [(v["number"], v["status"]) for v in next_draft.json()["versions"]] == [(1, "active"), (2, "draft")]
    assert [(v["number"], v["status"]) for v in second.json()["profile"]["versions"]] == [
        (1, "archived"),
        (2, "active"),
    ]
    archived = api.post(f"{path}/versions/2/archive")
    assert (archived.status_code, archived.json()["active_version"]) == (200, None)
    listed = api.get(PROFILES).json()
    assert [(p["name"], p["description"], p["active_version"]) for p in listed] == [
        ("web-express", "offers again", None)
    ]
    assert api.get(path).json() == listed[0]


def test_a_draft_is_opened_as_a_copy_of_the_active_version(api, web_express) -> None:  # type: ignore[no-untyped-def]
    path = f"{PROFILES}/{web_express['id']}"
    api.post(f"{path}/versions/1/activate")

    response = api.post(f"{path}/draft")

    assert response.status_code == 201
    first, second = response.json()["versions"]
    assert (second["number"], second["status"], second["spec"]) == (2, "draft", first["spec"])


def test_activation_warns_when_the_filters_exclude_every_location(api, network) -> None:  # type: ignore[no-untyped-def]
    body = {**WEB_EXPRESS, "spec": {"cost": NEAREST, "filters": {"required_capabilities": ["ship", "pickup"]}}}
    profile = send(api, "post", PROFILES, body).json()

    response = api.post(f"{PROFILES}/{profile['id']}/versions/1/activate")

    assert response.status_code == 200
    assert response.json()["warnings"] == [
        {
            "code": "filters_exclude_every_location",
            "message": "the filters exclude all 4 active locations right now (capability: 4)",
            "field": "spec.filters",
        }
    ]
    assert response.json()["profile"]["active_version"] == 1


@pytest.fixture
def refused(api, web_express, db_state, error_of):  # type: ignore[no-untyped-def]
    """Sends a request and returns (status, code, field), after checking nothing was written."""

    def request(method: str, path: str, body: object = None) -> tuple[int, str, str | None]:
        before = db_state()
        response = send(api, method, path.format(id=web_express["id"]), body)
        assert db_state() == before
        return error_of(response)

    return request


def with_spec(**changes: Any) -> dict[str, Any]:
    return {**WEB_EXPRESS, "name": "another", "spec": {**WEB_EXPRESS["spec"], **changes}}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (with_spec(cost={**NEAREST, "per_parcl": 8.0}), "spec.cost.per_parcl"),
        (with_spec(selector={"region": "north"}), "spec.selector.region"),
        ({**WEB_EXPRESS, "name": "another", "owner": "grace"}, "owner"),
        (with_spec(cost={**NEAREST, "per_km": -0.002}), "spec.cost.per_km"),
        (with_spec(cost={**NEAREST, "per_unit_by_kind": {"store": -1.0}}), "spec.cost.per_unit_by_kind.store"),
        (with_spec(cost={**NEAREST, "per_km": "cheap"}), "spec.cost.per_km"),
        (with_spec(cost={"per_parcel": 8.0}), "spec.cost.per_km"),
        (with_spec(selector={"delivery_methods": ["drone"]}), "spec.selector.delivery_methods[0]"),
        (with_spec(selector={"min_order_value": "100", "max_order_value": "50"}), "spec.selector.max_order_value"),
        (with_spec(filters={"before_cutoff": "3pm"}), "spec.filters.before_cutoff"),
        (with_spec(filters={"min_reliability": 2.0}), "spec.filters.min_reliability"),
        (with_spec(strategy="auction"), "spec.strategy"),
        (with_spec(offers={"escalation": ["backorder", "warehouses"]}), "spec.offers.escalation"),
        ({**WEB_EXPRESS, "name": ""}, "name"),
    ],
)
def test_a_bad_profile_is_refused_with_the_field(refused, body, field: str) -> None:  # type: ignore[no-untyped-def]
    assert refused("post", PROFILES, body) == (422, "invalid", field)


def test_a_bad_draft_is_refused_with_the_field(refused) -> None:  # type: ignore[no-untyped-def]
    body = {"spec": {**WEB_EXPRESS["spec"], "cost": {**NEAREST, "per_km": -1}}}

    assert refused("put", PROFILES + "/{id}/draft", body) == (422, "invalid", "spec.cost.per_km")


def test_an_unknown_channel(refused) -> None:  # type: ignore[no-untyped-def]
    assert refused("post", PROFILES, with_spec(selector={"channels": ["carrier-pigeon"]})) == (
        422,
        "unknown_channel",
        "spec.selector.channels[0]",
    )


def test_a_taken_name(refused) -> None:  # type: ignore[no-untyped-def]
    assert refused("post", PROFILES, WEB_EXPRESS) == (409, "duplicate_profile", "name")


def test_malformed_json(refused) -> None:  # type: ignore[no-untyped-def]
    assert refused("post", PROFILES, '{"name": "web-express",') == (400, "malformed_json", "body")


def test_an_overlapping_selector_is_a_conflict_naming_the_other_profile(api, web_express, db_state, error_of) -> None:  # type: ignore[no-untyped-def]
    api.post(f"{PROFILES}/{web_express['id']}/versions/1/activate")
    catch_all = send(api, "post", PROFILES, {"name": "catch-all", "spec": {"cost": NEAREST}}).json()
    before = db_state()

    response = api.post(f"{PROFILES}/{catch_all['id']}/versions/1/activate")

    assert error_of(response) == (409, "selector_overlap", "spec.selector")
    assert "'web-express'" in response.json()["message"]
    assert db_state() == before


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("post", PROFILES + "/{id}/versions/9/activate", (404, "not_found", "number")),
        ("post", PROFILES + "/999/versions/1/archive", (404, "not_found", "profile_id")),
        ("get", PROFILES + "/999", (404, "not_found", "profile_id")),
        ("post", PROFILES + "/{id}/draft", (409, "draft_exists", "profile_id")),
    ],
)
def test_what_does_not_exist_or_cannot_happen(refused, method: str, path: str, expected: tuple) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert refused(method, path) == expected


def test_an_archived_version_cannot_be_activated(api, web_express, refused) -> None:  # type: ignore[no-untyped-def]
    api.post(f"{PROFILES}/{web_express['id']}/versions/1/archive")

    assert refused("post", PROFILES + "/{id}/versions/1/activate") == (409, "illegal_transition", "number")


def test_routing_profiles_need_the_routing_scopes(client_with, web_express) -> None:  # type: ignore[no-untyped-def]
    reader = client_with("routing:read")
    order_taker = client_with("orders:write")

    assert reader.get(PROFILES).status_code == 200
    assert send(reader, "post", PROFILES, {**WEB_EXPRESS, "name": "x"}).status_code == 403
    assert order_taker.get(PROFILES).status_code == 403
