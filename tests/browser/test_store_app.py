"""An associate's day in the store app, in a real browser: ship, short pick, pickup handover, confinement."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from crossdock.db.models import FulfilmentOrder, Location, OrderEvent, PickupHandover
from crossdock.domain.errors import NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.staff.scope import scope_for_user
from crossdock.services.store_work.start_picking import start_picking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUNNER_BARCODE = "4006381333931"


@pytest.fixture
def shipment(stock, place) -> int:  # type: ignore[no-untyped-def]
    """Ada's web order for a runner and a beanie ships from the Manhattan store."""
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-MAN", "WOOL-BEANIE", 2)
    order_id = place(
        RequestedLine("RETRO-RUNNER-42", 1, DeliveryMethod.SHIP), RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP)
    )
    return FulfilmentOrder.objects.get(order_id=order_id).pk


@pytest.fixture
def pickup(stock, place) -> int:  # type: ignore[no-untyped-def]
    """Ada picks a beanie up in Brooklyn."""
    stock("ST-BKN", "WOOL-BEANIE", 4)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.PICKUP, "ST-BKN"))
    return FulfilmentOrder.objects.get(order_id=order_id).pk


def test_ship_an_order_from_the_store(page: Page, associate, sign_in, save_screens, shipment) -> None:
    associate("maya", "ST-MAN")
    sign_in("maya", screenshot=True)
    save_screens(page, "queue")

    page.get_by_role("link", name=re.compile("W-1001")).click()
    expect(page.get_by_label("Scan or type a barcode")).to_be_focused()
    save_screens(page, "pick-list")
    page.get_by_label("Scan or type a barcode").fill(RUNNER_BARCODE)
    page.keyboard.press("Enter")  # what a scanner does after the code
    expect(page.get_by_role("status")).to_contain_text("Picked Retro Runner, size 42 (1 of 1)")
    page.get_by_role("button", name="Picked one Wool Beanie").click()
    expect(page.get_by_role("status")).to_contain_text("all items picked")

    save_screens(page, "pack")
    page.get_by_label("Parcel 1 weight (kg)").fill("1.2")
    page.get_by_role("button", name="Pack 1 parcel").click()
    expect(page.get_by_role("heading", name="Ship", exact=True)).to_be_visible()
    page.get_by_label("Carrier").select_option("UPS")
    page.get_by_label("Tracking number").fill("1Z999AA10123456784")
    save_screens(page, "ship")
    page.get_by_role("button", name="Ship", exact=True).click()

    expect(page.get_by_role("heading", name="Shipped", exact=True)).to_be_visible()
    timeline = page.get_by_role("list").filter(has_text="Fulfilment shipped")
    expect(timeline).to_contain_text("Fulfilment shipped by staff:maya · UPS 1Z999AA10123456784")
    expect(timeline).to_contain_text("Fulfilment packed by staff:maya")
    save_screens(page, "shipped")
    assert FulfilmentOrder.objects.get(pk=shipment).status == "shipped"


def test_a_short_pick_in_the_browser(page: Page, associate, sign_in, shipment, position) -> None:
    associate("maya", "ST-MAN")
    sign_in("maya")
    page.goto(page.url.replace("/s/ST-MAN/", f"/fulfilments/{shipment}/"))

    page.get_by_text("Not on the shelf?").first.click()
    page.get_by_role("button", name="Report missing").first.click()

    expect(page.get_by_role("status")).to_contain_text("1 missing unit(s) reported")
    expect(page.get_by_text("Reported missing: 1 × RETRO-RUNNER-42")).to_be_visible()
    assert position("ST-MAN", "RETRO-RUNNER-42").on_hand == 2
    assert OrderEvent.objects.filter(type="ItemShortPicked", actor="staff:maya").count() == 1


def test_pickup_in_store(page: Page, associate, sign_in, save_screens, pickup) -> None:
    associate("bram", "ST-BKN")
    sign_in("bram")
    page.get_by_role("link", name=re.compile("W-1001")).click()
    page.get_by_role("button", name="Picked one Wool Beanie").click()
    page.get_by_role("button", name="Mark ready for pickup").click()
    expect(page.get_by_role("status")).to_contain_text("the customer has been sent their pickup code")
    code = PickupHandover.objects.get().code

    page.get_by_label("Pickup code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Hand over").click()
    expect(page.get_by_role("alert")).to_have_text("that pickup code does not match this order")
    save_screens(page, "handover")
    page.get_by_label("Pickup code").fill(code)
    page.get_by_role("button", name="Hand over").click()

    expect(page.get_by_role("heading", name="Collected", exact=True)).to_be_visible()
    assert FulfilmentOrder.objects.get(pk=pickup).status == "collected"


def test_an_associate_cannot_reach_another_stores_work(page: Page, live_server, associate, sign_in, shipment) -> None:
    associate("bram", "ST-BKN")
    sign_in("bram")

    assert page.goto(f"{live_server.url}/store/fulfilments/{shipment}/").status == 404
    expect(page.get_by_role("alert")).to_contain_text("is not at any of your stores")
    assert page.goto(f"{live_server.url}/store/s/ST-MAN/").status == 403
    api = page.request.get(f"{live_server.url}/api/v1/store-work/fulfilments/{shipment}")
    assert (api.status, api.json()["code"]) == (404, "not_found")
    bram = scope_for_user(Location.objects.get(code="ST-BKN").staff.get().user_id)
    with pytest.raises(NotFound):
        start_picking(shipment, scope=bram)
    assert FulfilmentOrder.objects.get(pk=shipment).status == "assigned"
