"""Ship to store in the browser: Newark ships Ada's runners to Brooklyn; Brooklyn receives them from its queue's
"Arriving for pickup" section, puts them on the pickup shelf and hands them over."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from crossdock.db.models import FulfilmentOrder, PickupHandover
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shipped_to_brooklyn(stock, place) -> int:  # type: ignore[no-untyped-def]
    """Ada picks up two runners in Brooklyn; only Newark has them, and its warehouse system has shipped them."""
    stock("WH-NJ", "RETRO-RUNNER-42", 2)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 2, DeliveryMethod.PICKUP, "ST-BKN"), shipping_address=None)
    transfer = FulfilmentOrder.objects.get(order_id=order_id)
    mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    return transfer.pk


def test_brooklyn_receives_what_newark_shipped_and_hands_it_over(
    page: Page, associate, sign_in, save_screens, shipped_to_brooklyn, position
) -> None:
    associate("bram", "ST-BKN")
    sign_in("bram")
    arriving = page.get_by_role("region", name=re.compile("Arriving for pickup"))
    expect(arriving).to_contain_text("W-1001")
    expect(arriving).to_contain_text("from WH-NJ · 2 units · RETRO-RUNNER-42")
    save_screens(page, "arriving-for-pickup")

    arriving.get_by_role("button", name="Receive W-1001 from WH-NJ").click()

    expect(page.get_by_role("status")).to_contain_text("Received: it waits here for the customer")
    assert (position("ST-BKN", "RETRO-RUNNER-42").on_hand, position("ST-BKN", "RETRO-RUNNER-42").reserved) == (2, 2)
    page.get_by_role("button", name="Mark ready for pickup").click()
    page.get_by_label("Pickup code").fill(PickupHandover.objects.get().code)
    page.get_by_role("button", name="Hand over").click()
    expect(page.get_by_role("heading", name="Collected", exact=True)).to_be_visible()
    timeline = page.get_by_role("list").filter(has_text="Transfer received")
    expect(timeline).to_contain_text("Transfer shipped by wms:newark")
    expect(timeline).to_contain_text("Transfer received by staff:bram")
    assert FulfilmentOrder.objects.get(pk=shipped_to_brooklyn).status == "received"
