"""Offers over the API: an order placed under an offer profile is offered to stores, claimed by one, given back
and offered again, and its routing explained; every bad request is a clear 4xx naming the field, and writes
nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from crossdock.db.models import Location, OfferOutcome, OfferRound, RoutingDecision, RoutingExclusion
from crossdock.services import clock
from crossdock.services.offers.expire import expire_due_offer_rounds

# Stores only, three at a time, ten minutes to claim, then the next stores, the warehouses, backorder.
OFFER_PROFILE = {
    "name": "web ship-from-store",
    "description": "Web orders offered to the three cheapest stores",
    "spec": {
        "selector": {"channels": ["web"]},
        "filters": {"location_types": ["store"]},
        "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
        "strategy": "offer",
        "offers": {"store_count": 3, "claim_timeout_seconds": 600},
    },
}
RUNNERS = "RETRO-RUNNER-42"

ErrorOf = Callable[[Any], tuple[int, str, str | None]]


def post(client: Client, path: str, body: object) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(path, data, content_type="application/json")


def claim_path(fulfilment_id: int) -> str:
    return f"/api/v1/fulfilments/{fulfilment_id}/claim"


def unclaim_path(fulfilment_id: int) -> str:
    return f"/api/v1/fulfilments/{fulfilment_id}/unclaim"


@pytest.fixture
def offer_profile(client_with: Callable[..., Client], stores: dict[str, Location]) -> int:
    """The offer profile, created and activated through the routing profiles API."""
    routing = client_with("routing:write")
    created = post(routing, "/api/v1/routing/profiles", OFFER_PROFILE)
    assert created.status_code == 201
    profile_id: int = created.json()["id"]
    activated = routing.post(f"/api/v1/routing/profiles/{profile_id}/versions/1/activate")
    assert (activated.status_code, activated.json()["warnings"]) == (200, [])
    return profile_id


@pytest.fixture
def reader(client_with: Callable[..., Client]) -> Client:
    return client_with("orders:read")


@pytest.fixture
def store_staff(client_with: Callable[..., Client]) -> Client:
    """What a store system holds: the scope to claim and give back work."""
    return client_with("stores:write")


@pytest.fixture
def order_id(client_with: Callable[..., Client], stock: Any, offer_profile: int) -> int:
    """Ada's two runners shipped to Penn Station, placed through the API: every store holds three runners,
    Newark nine (but the profile offers to stores only)."""
    for store in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS"):
        stock(store, RUNNERS, 3)
    stock("WH-NJ", RUNNERS, 9)
    body = {
        "channel": "web",
        "channel_order_id": "W-2001",
        "currency": "USD",
        "shipping_address": {
            "name": "Ada Lovelace",
            "line1": "1 Main St",
            "city": "New York",
            "postcode": "10001",
            "country": "US",
            "latitude": 40.7506,
            "longitude": -73.9971,
        },
        "lines": [{"sku": RUNNERS, "quantity": 2}],
    }
    placed = post(client_with("orders:write"), "/api/v1/orders", body)
    assert placed.status_code == 201
    placed_id: int = placed.json()["id"]
    return placed_id


@pytest.fixture
def offers_at(reader: Client) -> Callable[[str], list[tuple[int, int, int]]]:
    """(order id, round, fulfilment id) of each open offer a store sees through the API."""

    def read(store: str) -> list[tuple[int, int, int]]:
        response = reader.get(f"/api/v1/locations/{store}/offers")
        assert response.status_code == 200
        return [(offer["order_id"], offer["round"], offer["fulfilment_id"]) for offer in response.json()]

    return read


@pytest.fixture
def offer_of(offers_at: Callable[[str], list[tuple[int, int, int]]]) -> Callable[[str], int]:
    """The fulfilment id of the one open offer a store sees."""

    def read(store: str) -> int:
        [(_, _, fulfilment_id)] = offers_at(store)
        return fulfilment_id

    return read


@pytest.fixture
def state(db_state: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """`db_state` and what offers write: rounds, each store's offer history, exclusions, routing decisions."""

    def read() -> dict[str, Any]:
        return {
            **db_state(),
            "rounds": sorted(OfferRound.objects.values_list("id", "status", "expires_at", "closed_at")),
            "offer_outcomes": sorted(OfferOutcome.objects.values_list("id", "fulfilment_id", "outcome", "reason")),
            "exclusions": sorted(RoutingExclusion.objects.values_list("order_id", "location__code", "reason")),
            "decisions": RoutingDecision.objects.count(),
        }

    return read


@pytest.fixture
def refused(state: Callable[[], dict[str, Any]], error_of: ErrorOf) -> Callable[..., tuple[int, str, str | None]]:
    """POSTs a body and returns (status, code, field), after checking nothing was written."""

    def send(client: Client, path: str, body: object) -> tuple[int, str, str | None]:
        before = state()
        response = post(client, path, body)
        assert state() == before
        return error_of(response)

    return send


def test_an_order_is_offered_claimed_given_back_offered_again_and_its_routing_explained(
    order_id: int, offers_at: Any, offer_of: Any, reader: Client, store_staff: Client, position: Any
) -> None:
    # given Ada's order, offered to the three cheapest stores from Penn Station, each holding two runners for it
    offered = {store: offers_at(store) for store in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")}
    assert [(order, number) for order, number, _ in offered["ST-BKN"]] == [(order_id, 1)]
    assert [len(offered[store]) for store in ("ST-MAN", "ST-BRX", "ST-QNS")] == [1, 1, 0]
    assert [position(store, RUNNERS).reserved for store in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")] == [2, 2, 2, 0]
    manhattan, brooklyn, bronx = (offer_of(store) for store in ("ST-MAN", "ST-BKN", "ST-BRX"))

    # when Brooklyn claims it
    claimed = post(store_staff, claim_path(brooklyn), {"location": "ST-BKN"})

    # then Brooklyn has the work, and the other stores no longer see the offer nor hold its runners
    assert claimed.status_code == 200
    assert claimed.json() == {
        "fulfilment_id": brooklyn,
        "order_id": order_id,
        "location": "ST-BKN",
        "withdrawn": [manhattan, bronx],
        "replayed": False,
    }
    assert [offers_at(store) for store in ("ST-MAN", "ST-BKN", "ST-BRX")] == [[], [], []]
    assert [position(store, RUNNERS).reserved for store in ("ST-MAN", "ST-BKN", "ST-BRX")] == [0, 2, 0]

    # when Brooklyn gives it back: a damaged box
    given_back = post(
        store_staff, unclaim_path(brooklyn), {"location": "ST-BKN", "reason": "damaged", "note": "box crushed"}
    )

    # then it is offered again, without Brooklyn: to Manhattan, the Bronx and Queens
    assert given_back.status_code == 200
    assert given_back.json() == {
        "fulfilment_id": brooklyn,
        "order_id": order_id,
        "reason": "damaged",
        "stock_corrected": {},
        "rerouted": {"allocated": 2, "offered_rounds": 1, "still_unallocated": 0, "step": "profile"},
    }
    assert offers_at("ST-BKN") == []
    assert [offers_at(store)[0][:2] for store in ("ST-MAN", "ST-BRX", "ST-QNS")] == [(order_id, 2)] * 3
    assert [position(store, RUNNERS).reserved for store in ("ST-MAN", "ST-BKN", "ST-BRX", "ST-QNS")] == [2, 0, 2, 2]
    order = reader.get(f"/api/v1/orders/{order_id}").json()
    assert [(f["location"], f["status"]) for f in order["fulfilments"]] == [
        ("ST-MAN", "withdrawn"),
        ("ST-BKN", "unclaimed"),
        ("ST-BRX", "withdrawn"),
        ("ST-MAN", "offered"),
        ("ST-BRX", "offered"),
        ("ST-QNS", "offered"),
    ]

    # and its routing shows both decisions, each explained: Manhattan chosen, every loser with why it lost
    routing = reader.get(f"/api/v1/orders/{order_id}/routing")
    assert routing.status_code == 200
    placed, rerouted = routing.json()
    assert [(d["reason"], d["profile"], d["profile_version"], d["strategy"]) for d in (placed, rerouted)] == [
        ("placed", "web ship-from-store", 1, "offer"),
        ("unclaimed", "web ship-from-store", 1, "offer"),
    ]
    assert placed["allocations"] == [{"sku": RUNNERS, "location": "ST-MAN", "quantity": 2}]
    assert placed["excluded"] == {"WH-NJ": "location_type"}
    assert verdicts(placed) == [
        ("ST-MAN", "chosen", None, None, None),
        ("ST-BKN", "costlier", None, 0.631571, "distance"),
        ("ST-BRX", "costlier", None, 0.874024, "distance"),
        ("ST-QNS", "costlier", None, 0.958456, "distance"),
        ("WH-NJ", "infeasible", "location_type", None, None),
    ]
    assert rerouted["allocations"] == [{"sku": RUNNERS, "location": "ST-MAN", "quantity": 2}]
    assert rerouted["excluded"] == {"WH-NJ": "location_type", "ST-BKN": "unclaimed"}
    assert verdicts(rerouted) == [
        ("ST-MAN", "chosen", None, None, None),
        ("ST-BRX", "costlier", None, 0.874024, "distance"),
        ("ST-QNS", "costlier", None, 0.958456, "distance"),
        ("ST-BKN", "infeasible", "unclaimed", None, None),
        ("WH-NJ", "infeasible", "location_type", None, None),
    ]


def verdicts(decision: dict[str, Any]) -> list[tuple[str, str, str | None, float | None, str | None]]:
    """(location, verdict, rule, extra_cost, through) of each candidate of a decision's explanation."""
    return [
        (c["location"], c["verdict"], c["rule"], c["extra_cost"], c["through"])
        for c in decision["explanation"]["candidates"]
    ]


def test_a_repeated_claim_by_the_winner_answers_the_same_and_writes_nothing(
    order_id: int, offer_of: Any, store_staff: Client, state: Any
) -> None:
    manhattan = offer_of("ST-MAN")
    first = post(store_staff, claim_path(manhattan), {"location": "ST-MAN"})
    before = state()

    again = post(store_staff, claim_path(manhattan), {"location": "ST-MAN"})

    assert (again.status_code, again.json()) == (200, {**first.json(), "withdrawn": [], "replayed": True})
    assert state() == before


def test_claiming_an_offer_another_store_won_is_refused(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any
) -> None:
    manhattan, bronx = offer_of("ST-MAN"), offer_of("ST-BRX")
    assert post(store_staff, claim_path(manhattan), {"location": "ST-MAN"}).status_code == 200

    assert refused(store_staff, claim_path(bronx), {"location": "ST-BRX"}) == (
        409,
        "illegal_transition",
        "fulfilment_id",
    )


def test_claiming_work_already_claimed_and_given_back_is_refused(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any
) -> None:
    brooklyn = offer_of("ST-BKN")
    assert post(store_staff, claim_path(brooklyn), {"location": "ST-BKN"}).status_code == 200
    given_back = post(store_staff, unclaim_path(brooklyn), {"location": "ST-BKN", "reason": "no_capacity"})
    assert given_back.status_code == 200

    assert refused(store_staff, claim_path(brooklyn), {"location": "ST-BKN"}) == (
        409,
        "illegal_transition",
        "fulfilment_id",
    )


def test_claiming_an_offer_after_its_claim_timeout_fired_is_refused(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any
) -> None:
    brooklyn = offer_of("ST-BKN")
    assert expire_due_offer_rounds(clock.now() + timedelta(seconds=601)) == 1

    assert refused(store_staff, claim_path(brooklyn), {"location": "ST-BKN"}) == (
        409,
        "illegal_transition",
        "fulfilment_id",
    )


@pytest.mark.parametrize("store", ["ST-QNS", "ST-ATLANTIS"])
def test_a_store_the_offer_was_not_made_to_cannot_claim_it(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any, store: str
) -> None:
    assert refused(store_staff, claim_path(offer_of("ST-MAN")), {"location": store}) == (
        404,
        "not_found",
        "fulfilment_id",
    )


def test_claiming_an_offer_that_does_not_exist_is_not_found(order_id: int, store_staff: Client, refused: Any) -> None:
    assert refused(store_staff, claim_path(999_999), {"location": "ST-MAN"}) == (404, "not_found", "fulfilment_id")


def test_a_store_that_never_claimed_cannot_give_the_work_back(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any
) -> None:
    brooklyn = offer_of("ST-BKN")

    assert refused(store_staff, unclaim_path(brooklyn), {"location": "ST-BKN", "reason": "damaged"}) == (
        409,
        "illegal_transition",
        "fulfilment_id",
    )


def test_a_store_cannot_give_back_work_another_store_claimed(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any
) -> None:
    brooklyn = offer_of("ST-BKN")
    assert post(store_staff, claim_path(brooklyn), {"location": "ST-BKN"}).status_code == 200

    assert refused(store_staff, unclaim_path(brooklyn), {"location": "ST-MAN", "reason": "damaged"}) == (
        404,
        "not_found",
        "fulfilment_id",
    )


@pytest.mark.parametrize("reason", ["bored", "", "OUT_OF_STOCK", None, 7])
def test_an_unknown_unclaim_reason(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any, reason: object
) -> None:
    brooklyn = offer_of("ST-BKN")
    assert post(store_staff, claim_path(brooklyn), {"location": "ST-BKN"}).status_code == 200

    assert refused(store_staff, unclaim_path(brooklyn), {"location": "ST-BKN", "reason": reason}) == (
        422,
        "invalid",
        "reason",
    )


def test_unknown_fields_are_refused(order_id: int, offer_of: Any, store_staff: Client, refused: Any) -> None:
    manhattan = offer_of("ST-MAN")

    assert refused(store_staff, claim_path(manhattan), {"location": "ST-MAN", "priority": "high"}) == (
        422,
        "invalid",
        "priority",
    )
    assert refused(
        store_staff, unclaim_path(manhattan), {"location": "ST-MAN", "reason": "damaged", "blame": "courier"}
    ) == (422, "invalid", "blame")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, (422, "invalid", "location")),
        ({"location": ""}, (422, "invalid", "location")),
        ({"location": 42}, (422, "invalid", "location")),
        ("{not json", (400, "malformed_json", "body")),
        ([], (422, "invalid", None)),
    ],
)
def test_a_malformed_claim(
    order_id: int, offer_of: Any, store_staff: Client, refused: Any, body: object, expected: tuple[Any, ...]
) -> None:
    assert refused(store_staff, claim_path(offer_of("ST-MAN")), body) == expected


@pytest.mark.parametrize("scopes", [("orders:read",), ("orders:write", "inventory:write", "routing:write")])
def test_claiming_and_giving_back_need_the_stores_write_scope(
    order_id: int, offer_of: Any, client_with: Callable[..., Client], refused: Any, scopes: tuple[str, ...]
) -> None:
    client = client_with(*scopes)
    manhattan = offer_of("ST-MAN")

    assert refused(client, claim_path(manhattan), {"location": "ST-MAN"}) == (403, "forbidden", "scope")
    assert refused(client, unclaim_path(manhattan), {"location": "ST-MAN", "reason": "damaged"}) == (
        403,
        "forbidden",
        "scope",
    )


def test_without_a_token_nothing_is_claimed(order_id: int, offer_of: Any, anonymous: Client, refused: Any) -> None:
    assert refused(anonymous, claim_path(offer_of("ST-MAN")), {"location": "ST-MAN"}) == (
        401,
        "unauthenticated",
        "Authorization",
    )


def test_reading_offers_and_routing_needs_the_orders_read_scope_and_known_ids(
    order_id: int, client_with: Callable[..., Client], reader: Client, error_of: ErrorOf
) -> None:
    store_system = client_with("stores:write")

    assert error_of(store_system.get("/api/v1/locations/ST-MAN/offers")) == (403, "forbidden", "scope")
    assert error_of(store_system.get(f"/api/v1/orders/{order_id}/routing")) == (403, "forbidden", "scope")
    assert error_of(reader.get("/api/v1/locations/ST-ATLANTIS/offers")) == (422, "unknown_location", "location")
    assert error_of(reader.get("/api/v1/orders/999999/routing")) == (404, "not_found", "order_id")
