"""GET /orders: filters and cursor pagination."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crossdock.db.models import Order
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails

BEANIE = RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP)


@pytest.fixture
def orders(stock, place) -> list[int]:
    """Eleven orders, one a day from 1 to 11 May 2025; web except days 4 and 8 (store);
    Ada's on days 2, 5 and 9; the order of day 6 is cancelled."""
    stock("WH-NJ", "WOOL-BEANIE", 100)
    ada = CustomerDetails(external_id="C-ADA-7")
    ids = [
        place(BEANIE, channel="store" if day in (4, 8) else "web", customer=ada if day in (2, 5, 9) else None)
        for day in range(1, 12)
    ]
    for day, order_id in enumerate(ids, start=1):
        Order.objects.filter(pk=order_id).update(created_at=datetime(2025, 5, day, 9, 30, tzinfo=UTC))
    cancel_order(ids[5], reason="customer changed their mind", actor="cs:maria")
    return ids


def _walk(api, query: str, limit: int) -> tuple[list[int], int]:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    pages = 0
    cursor = ""
    while True:
        response = api.get(f"/api/v1/orders?limit={limit}{query}{cursor}")
        assert response.status_code == 200
        body = response.json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        if body["next_cursor"] is None:
            return seen, pages
        cursor = f"&cursor={body['next_cursor']}"


def test_the_cursor_walks_all_orders_newest_first_without_duplicates_or_gaps(api, orders) -> None:
    seen, pages = _walk(api, "", limit=4)

    assert seen == orders[::-1]
    assert pages == 3


def test_a_page_lists_order_summaries(api, orders) -> None:
    body = api.get("/api/v1/orders?limit=1").json()

    assert body["items"] == [
        {
            "id": orders[10],
            "channel": "web",
            "channel_order_id": "W-1011",
            "status": "placed",
            "customer_id": None,
            "customer_email": "",
            "currency": "USD",
            "total": "19.50",
            "created_at": "2025-05-11T09:30:00Z",
        }
    ]
    assert body["next_cursor"]


def test_orders_are_filtered_by_status(api, orders) -> None:
    assert _walk(api, "&status=cancelled", limit=2) == ([orders[5]], 1)


def test_orders_are_filtered_by_channel(api, orders) -> None:
    assert _walk(api, "&channel=store", limit=1) == ([orders[7], orders[3]], 2)


def test_orders_are_filtered_by_customer(api, orders) -> None:
    assert _walk(api, "&customer=C-ADA-7", limit=2)[0] == [orders[8], orders[4], orders[1]]


def test_orders_are_filtered_by_a_created_range(api, orders) -> None:
    query = "&created_after=2025-05-03T00:00:00Z&created_before=2025-05-07T09:30:00Z"

    assert _walk(api, query, limit=2)[0] == [orders[5], orders[4], orders[3], orders[2]]


def test_filters_combine_and_the_cursor_keeps_them(api, orders) -> None:
    query = "&channel=web&status=placed&created_after=2025-05-02T00:00:00Z"

    seen, pages = _walk(api, query, limit=3)

    assert seen == [orders[10], orders[9], orders[8], orders[6], orders[4], orders[2], orders[1]]
    assert pages == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=eDo1", "cursor"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=ten", "limit"),
        ("created_after=yesterday", "created_after"),
    ],
)
def test_a_bad_cursor_limit_or_date_is_422(api, orders, error_of, query: str, field: str) -> None:
    assert error_of(api.get(f"/api/v1/orders?{query}")) == (422, "invalid", field)
