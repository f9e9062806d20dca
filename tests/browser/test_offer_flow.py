"""Offers in a real browser, three stores at once: the first store to claim gets the work and ships it; a
store that finds the shelf empty gives it back and the order goes to another store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, Page, Playwright, expect

from crossdock.db.models import Location, StockPosition
from crossdock.services.tokens import create_token
from store_offer_fixtures import activate_offer_profile, add_queens_and_bronx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUNNER_BARCODE = "4006381333931"
# Orders taken in a store and shipped: offered to the three cheapest stores that ship and hold everything.
STORE_ORDERS_OFFERED: dict[str, Any] = {
    "selector": {"channels": ["store"], "delivery_methods": ["ship"]},
    "filters": {"location_types": ["store"], "required_capabilities": ["ship_from_store"]},
    "cost": {"per_parcel": 5.0, "per_km": 0.1, "per_unit": 0.5, "unfilled_per_unit": 500.0},
    "strategy": "offer",
    "offers": {"store_count": 3, "claim_timeout_seconds": 900, "escalation": ["next_stores", "warehouses"]},
}
GRACE = {
    "name": "Grace Hopper",
    "line1": "1 Main St",
    "city": "New York",
    "postcode": "10001",
    "country": "US",
    "latitude": 40.7506,
    "longitude": -73.9971,
}


@pytest.fixture
def three_stores(network, stock, associate, settings) -> None:  # type: ignore[no-untyped-def]
    """Grace is at the Manhattan store (S), which has neither the runner nor the jacket she wants, and nor has
    the Newark warehouse; Brooklyn (A, 7.6 km from her), Queens (B, 10.9 km) and the Bronx (C, 10.0 km) have
    both. Alex works at A, Bea at B, Cai at C. The queue polls every second."""
    settings.CROSSDOCK_STORE_POLL_SECONDS = 1
    add_queens_and_bronx(network)
    activate_offer_profile(STORE_ORDERS_OFFERED, name="store orders shipped from stores")
    for sku in ("RETRO-RUNNER-42", "TRAIL-JACKET-M"):
        stock("ST-MAN", sku, 0)
        stock("WH-NJ", sku, 0)
        for store in ("ST-BKN", "ST-QNS", "ST-BRX"):
            stock(store, sku, 2)
    for username, store in (("alex", "ST-BKN"), ("bea", "ST-QNS"), ("cai", "ST-BRX")):
        associate(username, store)


@pytest.fixture
def api(playwright: Playwright, live_server: Any, three_stores: None) -> Iterator[APIRequestContext]:
    """The Manhattan store's till talking to the API with its token."""
    token = create_token("till-st-man", ["orders:write", "orders:read"])
    context = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {token}"}
    )
    yield context
    context.dispose()


@pytest.fixture
def order_for_grace(api: APIRequestContext) -> Callable[[str], int]:
    """The associate at S orders a runner and a jacket for Grace, shipped to her address. Returns the order id."""

    def place(channel_order_id: str) -> int:
        lines = [{"sku": "RETRO-RUNNER-42", "quantity": 1}, {"sku": "TRAIL-JACKET-M", "quantity": 1}]
        body = {
            "channel": "store",
            "channel_order_id": channel_order_id,
            "customer": {"name": "Grace Hopper"},
            "shipping_address": GRACE,
            "lines": lines,
        }
        response = api.post("/api/v1/orders", data=body)
        assert response.status == 201, response.text()
        return int(response.json()["id"])

    return place


def claim_button(page: Page, order: str) -> Any:
    return page.get_by_role("button", name=f"Claim {order}")


def test_three_stores_are_offered_the_order_and_the_first_to_claim_ships_it(
    staff_page, order_for_grace, api, save_screens
) -> None:
    order_id = order_for_grace("S-2001")
    alex, bea, cai = staff_page("alex"), staff_page("bea"), staff_page("cai")
    for page in (alex, bea, cai):
        offer = page.get_by_role("listitem").filter(has=claim_button(page, "S-2001"))
        expect(offer).to_contain_text("Ship to New York")
        expect(offer).to_contain_text("1 × Retro Runner, size 42")
        expect(offer).to_contain_text("1 × Trail Jacket, M")
        expect(offer).to_contain_text("On hand here: 2")
        expect(offer).to_contain_text("Claim within 1")  # 15 minutes to claim: "Claim within 14:59"
    save_screens(bea, "offer-queue")

    claim_button(alex, "S-2001").click()

    expect(alex.get_by_role("status")).to_have_text("Claimed: this order is yours to pick")
    expect(claim_button(bea, "S-2001")).to_have_count(0)  # gone on Bea's next poll, without a reload
    cai.reload()
    expect(claim_button(cai, "S-2001")).to_have_count(0)
    expect(cai.get_by_text("No offers right now.")).to_be_visible()

    alex.get_by_label("Scan or type a barcode").fill(RUNNER_BARCODE)
    alex.keyboard.press("Enter")
    expect(alex.get_by_role("status")).to_contain_text("Picked Retro Runner, size 42 (1 of 1)")
    alex.get_by_role("button", name="Picked one Trail Jacket, M").click()
    expect(alex.get_by_role("status")).to_contain_text("all items picked")
    alex.get_by_label("Parcel 1 weight (kg)").fill("2.4")
    alex.get_by_role("button", name="Pack 1 parcel").click()
    alex.get_by_label("Carrier").select_option("UPS")
    alex.get_by_label("Tracking number").fill("1Z999AA10123456784")
    alex.get_by_role("button", name="Ship", exact=True).click()

    expect(alex.get_by_role("heading", name="Shipped", exact=True)).to_be_visible()
    timeline = alex.get_by_role("list").filter(has_text="Fulfilment shipped")
    expect(timeline).to_contain_text("Fulfilment offered by api:till-st-man")
    expect(timeline).to_contain_text("Offer claimed by staff:alex")
    expect(timeline).to_contain_text("Offers withdrawn by staff:alex · claimed by ST-BKN")
    expect(timeline).to_contain_text("Fulfilment packed by staff:alex")
    expect(timeline).to_contain_text("Fulfilment shipped by staff:alex · UPS 1Z999AA10123456784")
    order = api.get(f"/api/v1/orders/{order_id}").json()
    worked = ["FulfilmentOffered", "OfferClaimed", "OffersWithdrawn", "ItemPicked", "FulfilmentPacked"]
    events = [(e["type"], e["actor"]) for e in order["timeline"] if e["type"] in {*worked, "FulfilmentShipped"}]
    assert events == [
        ("FulfilmentOffered", "api:till-st-man"),
        ("OfferClaimed", "staff:alex"),
        ("OffersWithdrawn", "staff:alex"),
        ("ItemPicked", "staff:alex"),
        ("ItemPicked", "staff:alex"),
        ("FulfilmentPacked", "staff:alex"),
        ("FulfilmentShipped", "staff:alex"),
    ]
    times = [e["at"] for e in order["timeline"]]
    assert times == sorted(times)
    offered = next(e for e in order["timeline"] if e["type"] == "FulfilmentOffered")
    assert sorted(o["location"] for o in offered["data"]["offers"]) == ["ST-BKN", "ST-BRX", "ST-QNS"]
    assert [(f["location"], f["status"]) for f in order["fulfilments"] if f["status"] != "withdrawn"] == [
        ("ST-BKN", "shipped")
    ]


def test_a_store_without_the_stock_gives_the_order_back_and_it_is_offered_to_the_others(
    staff_page, order_for_grace, api, save_screens
) -> None:
    order_for_grace("S-2002")
    bea = staff_page("bea")
    claim_button(bea, "S-2002").click()
    expect(bea.get_by_role("heading", name="Can’t fulfil this order?")).to_be_visible()
    score_before = api.get("/api/v1/locations/ST-QNS/reliability").json()["score"]

    bea.get_by_label("Out of stock").check()
    bea.get_by_label("Note (optional)").fill("Both boxes on the shelf were empty")
    save_screens(bea, "unclaim")
    bea.get_by_role("button", name="Unclaim").click()

    expect(bea.get_by_role("status")).to_have_text(
        "Order given back (out of stock): it has been offered to other stores. "
        "Your on-hand of RETRO-RUNNER-42 is now 0. Your on-hand of TRAIL-JACKET-M is now 0"
    )
    expect(claim_button(bea, "S-2002")).to_have_count(0)
    for other in (staff_page("alex"), staff_page("cai")):
        expect(claim_button(other, "S-2002")).to_be_visible()
    queens = Location.objects.get(code="ST-QNS")
    assert sorted(StockPosition.objects.filter(location=queens).values_list("product__sku", "on_hand")) == [
        ("RETRO-RUNNER-42", 0),
        ("TRAIL-JACKET-M", 0),
    ]
    reliability = api.get("/api/v1/locations/ST-QNS/reliability").json()
    assert reliability["score"] < score_before
    assert [(o["outcome"], o["reason"]) for o in reliability["recent"]][:2] == [
        ("unclaimed", "out_of_stock"),
        ("claimed", ""),
    ]
