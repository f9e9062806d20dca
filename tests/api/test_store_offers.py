"""Offers in the store app and the store-work API: claim from the queue (twice is once), a withdrawn offer
says why, unclaim with a reason — each within the associate's own store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

import store_offer_fixtures
from crossdock.db.models import FulfilmentOrder, StockPosition
from crossdock.services.staff.create_user import NewStaff, create_staff_user
from crossdock.webapps.templatetags.store_tags import claim_countdown

WORK = "/api/v1/store-work/fulfilments"
# The offer fixtures, shared with the service and browser tests.
offer_profile = store_offer_fixtures.offer_profile
offered_runner = store_offer_fixtures.offered_runner
offer_at = store_offer_fixtures.offer_at
offer_state = store_offer_fixtures.offer_state


@pytest.fixture
def signed_in(network: Any) -> Callable[[str, str], Client]:
    """A client signed in as a new store associate: `signed_in("maya", "ST-MAN")`."""

    def sign_in(username: str, store: str) -> Client:
        create_staff_user(
            NewStaff(username, "correct-horse-battery", "store_associate", [store], check_password_strength=False)
        )
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in


@pytest.fixture
def maya(signed_in: Callable[[str, str], Client]) -> Client:
    return signed_in("maya", "ST-MAN")


@pytest.fixture
def bram(signed_in: Callable[[str, str], Client]) -> Client:
    return signed_in("bram", "ST-BKN")


@pytest.fixture
def manhattan_offer(offered_runner: int, offer_at: Callable[[int, str], int]) -> int:
    return offer_at(offered_runner, "ST-MAN")


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


# ── pages ────────────────────────────────────────────────────────────────────────────────────────────────


def test_the_queue_page_shows_the_offer_with_a_claim_button(maya, manhattan_offer) -> None:
    page = maya.get("/store/s/ST-MAN/").content.decode()

    assert "W-1001" in page and "Ship to New York" in page and "Claim within" in page
    assert "On hand here: <strong>2</strong>" in page
    assert f'action="/store/s/ST-MAN/offers/{manhattan_offer}/claim/"' in page


def test_the_polled_fragment_brings_the_offers_out_of_band(
    maya, bram, manhattan_offer, offered_runner, offer_at
) -> None:
    before = maya.get("/store/s/ST-MAN/items/").content.decode()
    bram.post(f"/store/s/ST-BKN/offers/{offer_at(offered_runner, 'ST-BKN')}/claim/")

    after = maya.get("/store/s/ST-MAN/items/").content.decode()

    assert 'id="offers" hx-swap-oob="true"' in before and "W-1001" in before
    assert 'id="offers" hx-swap-oob="true"' in after and "W-1001" not in after


def test_claiming_twice_from_the_queue_leads_to_the_pick_list_both_times(maya, manhattan_offer) -> None:
    first = maya.post(f"/store/s/ST-MAN/offers/{manhattan_offer}/claim/", follow=True)
    second = maya.post(f"/store/s/ST-MAN/offers/{manhattan_offer}/claim/", follow=True)

    assert first.redirect_chain == [(f"/store/fulfilments/{manhattan_offer}/", 302)]
    assert "Claimed: this order is yours to pick" in first.content.decode()
    assert "Can’t fulfil this order?" in first.content.decode()
    assert "You had already claimed this order" in second.content.decode()
    assert FulfilmentOrder.objects.get(pk=manhattan_offer).status == "claimed"


def test_an_offer_another_store_claimed_first_is_refused_on_the_queue(
    maya, bram, manhattan_offer, offered_runner, offer_at, offer_state
) -> None:
    post(bram, f"{WORK}/{offer_at(offered_runner, 'ST-BKN')}/claim")
    before = offer_state()

    response = maya.post(f"/store/s/ST-MAN/offers/{manhattan_offer}/claim/")

    assert response.status_code == 409
    assert "another store claimed this order first: the offer was withdrawn" in response.content.decode()
    assert offer_state() == before


def test_another_stores_offer_is_not_found_from_the_page(bram, manhattan_offer, offer_state) -> None:
    before = offer_state()

    response = bram.post(f"/store/s/ST-BKN/offers/{manhattan_offer}/claim/")

    assert response.status_code == 404
    assert offer_state() == before


def test_unclaiming_out_of_stock_from_the_page(maya, manhattan_offer) -> None:
    maya.post(f"/store/s/ST-MAN/offers/{manhattan_offer}/claim/")

    response = maya.post(
        f"/store/fulfilments/{manhattan_offer}/unclaim/",
        {"store": "ST-MAN", "reason": "out_of_stock", "note": "box was empty"},
        follow=True,
    )

    assert response.redirect_chain == [("/store/s/ST-MAN/", 302)]
    assert (
        "Order given back (out of stock): it has been offered to other stores. "
        "Your on-hand of RETRO-RUNNER-42 is now 0" in response.content.decode()
    )
    assert StockPosition.objects.get(location__code="ST-MAN").on_hand == 0


def test_an_unknown_reason_re_renders_the_page_and_writes_nothing(maya, manhattan_offer, offer_state) -> None:
    maya.post(f"/store/s/ST-MAN/offers/{manhattan_offer}/claim/")
    before = offer_state()

    response = maya.post(f"/store/fulfilments/{manhattan_offer}/unclaim/", {"store": "ST-MAN", "reason": "bored"})

    assert response.status_code == 422
    assert "reason must be one of out_of_stock, damaged, no_capacity, other" in response.content.decode()
    assert offer_state() == before


# ── store-work API ───────────────────────────────────────────────────────────────────────────────────────


def test_the_queue_lists_offers_with_the_stores_on_hand(maya, manhattan_offer, offered_runner) -> None:
    offers = maya.get("/api/v1/store-work/stores/ST-MAN/queue").json()["offers"]

    assert [(o["fulfilment_id"], o["order_id"], o["channel_order_id"], o["destination_city"]) for o in offers] == [
        (manhattan_offer, offered_runner, "W-1001", "New York")
    ]
    assert offers[0]["items"] == [
        {"sku": "RETRO-RUNNER-42", "name": "Retro Runner, size 42", "quantity": 1, "on_hand": 2}
    ]


def test_a_claim_through_the_api_twice_is_one_claim(maya, manhattan_offer, offered_runner) -> None:
    first = post(maya, f"{WORK}/{manhattan_offer}/claim")
    again = post(maya, f"{WORK}/{manhattan_offer}/claim")

    assert first.status_code == 200
    assert (first.json()["location"], first.json()["replayed"], len(first.json()["withdrawn"])) == ("ST-MAN", False, 2)
    assert again.json() == {
        "fulfilment_id": manhattan_offer,
        "order_id": offered_runner,
        "location": "ST-MAN",
        "withdrawn": [],
        "replayed": True,
    }


def test_api_refusals_say_why_and_write_nothing(
    maya, bram, manhattan_offer, offered_runner, offer_at, offer_state, error_of
) -> None:
    post(bram, f"{WORK}/{offer_at(offered_runner, 'ST-BKN')}/claim")
    before = offer_state()

    assert error_of(post(maya, f"{WORK}/{manhattan_offer}/claim")) == (409, "illegal_transition", "fulfilment_id")
    assert error_of(post(bram, f"{WORK}/{manhattan_offer}/claim")) == (404, "not_found", "fulfilment_id")
    bkn = offer_at(offered_runner, "ST-BKN")
    assert error_of(post(bram, f"{WORK}/{bkn}/unclaim", {"reason": "bored"})) == (422, "invalid", "reason")
    assert error_of(post(bram, f"{WORK}/{bkn}/unclaim", {"reason": "other", "x": 1})) == (422, "invalid", "x")
    assert error_of(post(maya, f"{WORK}/{bkn}/unclaim", {"reason": "other"})) == (404, "not_found", "fulfilment_id")
    assert offer_state() == before


def test_an_unclaim_through_the_api_reroutes_the_order(bram, offered_runner, offer_at) -> None:
    bkn = offer_at(offered_runner, "ST-BKN")
    post(bram, f"{WORK}/{bkn}/claim")

    response = post(bram, f"{WORK}/{bkn}/unclaim", {"reason": "out_of_stock", "note": "shelf empty"})

    assert response.status_code == 200
    assert response.json() == {
        "fulfilment_id": bkn,
        "order_id": offered_runner,
        "reason": "out_of_stock",
        "stock_corrected": {"RETRO-RUNNER-42": 0},
        "rerouted": {"allocated": 1, "offered_rounds": 1, "still_unallocated": 0, "step": "profile"},
    }


@pytest.mark.parametrize(
    ("seconds_left", "shown"),
    [(599, "Claim within 9:59"), (61, "Claim within 1:01"), (7500, "Claim within 2 h 5 min"), (0, "Expiring")],
)
def test_the_claim_countdown_reads_like_a_clock(seconds_left, shown) -> None:
    assert claim_countdown(seconds_left) == shown
