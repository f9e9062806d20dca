"""Reading orders: one in full, and searches with cursor pagination."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crossdock.db.models import Order
from crossdock.domain.errors import InvalidInput, NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails
from crossdock.services.orders.queries import OrderFilter, encode_cursor, get_order, list_orders

BEANIE = RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP)


@pytest.fixture
def seven_orders(stock, place) -> list[int]:
    """Seven beanie orders, one a day from 1 to 7 March 2025; the 3rd is cancelled, the 5th and 6th are Ada's."""
    stock("WH-NJ", "WOOL-BEANIE", 100)
    ada = CustomerDetails(external_id="C-ADA-7")
    ids = [place(BEANIE, customer=ada if day in (5, 6) else None) for day in range(1, 8)]
    for day, order_id in enumerate(ids, start=1):
        Order.objects.filter(pk=order_id).update(created_at=datetime(2025, 3, day, 12, tzinfo=UTC))
    cancel_order(ids[2], reason="customer changed their mind", actor="cs:maria")
    return ids


def test_get_order_of_an_unknown_id_is_not_found(db) -> None:
    with pytest.raises(NotFound) as raised:
        get_order(424242)

    assert raised.value.field == "order_id"


def test_orders_are_listed_newest_first(seven_orders) -> None:
    page = list_orders(OrderFilter())

    assert [item.id for item in page.items] == seven_orders[::-1]
    assert page.next_cursor is None


def test_the_cursor_walks_every_order_once_without_gaps(seven_orders) -> None:
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = list_orders(OrderFilter(), cursor=cursor, limit=3)
        seen += [item.id for item in page.items]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break

    assert seen == seven_orders[::-1]
    assert pages == 3


def test_a_last_page_that_is_exactly_full_has_no_next_cursor(seven_orders) -> None:
    page = list_orders(OrderFilter(), limit=7)

    assert len(page.items) == 7
    assert page.next_cursor is None


def test_orders_placed_after_the_first_page_do_not_shift_the_next(seven_orders, place) -> None:
    first = list_orders(OrderFilter(), limit=4)
    place(BEANIE)

    second = list_orders(OrderFilter(), cursor=first.next_cursor, limit=4)

    assert [item.id for item in first.items + second.items] == seven_orders[::-1]


def test_orders_are_filtered_by_status(seven_orders) -> None:
    page = list_orders(OrderFilter(status="cancelled"))

    assert [(item.id, item.status) for item in page.items] == [(seven_orders[2], "cancelled")]


def test_orders_are_filtered_by_channel(seven_orders, place) -> None:
    store_order = place(BEANIE, channel="store")

    assert [item.id for item in list_orders(OrderFilter(channel="store")).items] == [store_order]
    assert len(list_orders(OrderFilter(channel="web")).items) == 7


def test_orders_are_filtered_by_customer(seven_orders) -> None:
    page = list_orders(OrderFilter(customer="C-ADA-7"))

    assert [(item.id, item.customer_id) for item in page.items] == [
        (seven_orders[5], "C-ADA-7"),
        (seven_orders[4], "C-ADA-7"),
    ]


def test_orders_are_filtered_by_a_created_range_including_its_start(seven_orders) -> None:
    page = list_orders(
        OrderFilter(
            created_after=datetime(2025, 3, 2, 12, tzinfo=UTC), created_before=datetime(2025, 3, 5, 12, tzinfo=UTC)
        )
    )

    assert [item.id for item in page.items] == [seven_orders[3], seven_orders[2], seven_orders[1]]


def test_filters_combine_with_the_cursor(seven_orders) -> None:
    search = OrderFilter(status="placed", created_after=datetime(2025, 3, 2, tzinfo=UTC))

    first = list_orders(search, limit=2)
    second = list_orders(search, cursor=first.next_cursor, limit=2)
    third = list_orders(search, cursor=second.next_cursor, limit=2)

    assert [item.id for page in (first, second, third) for item in page.items] == [
        seven_orders[6],
        seven_orders[5],
        seven_orders[4],
        seven_orders[3],
        seven_orders[1],
    ]
    assert third.next_cursor is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        "eDo1",  # x:5
        "bzphYmM=",  # o:abc
        "bzoxOjI=",  # o:1:2
        "//79",  # not UTF-8
    ],
)
def test_a_cursor_this_api_did_not_give_out_is_refused(seven_orders, cursor: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        list_orders(OrderFilter(), cursor=cursor)

    assert raised.value.field == "cursor"


def test_a_cursor_past_the_oldest_order_gives_an_empty_page(seven_orders) -> None:
    page = list_orders(OrderFilter(), cursor=encode_cursor(seven_orders[0]))

    assert (page.items, page.next_cursor) == ([], None)


def test_a_cursor_beyond_any_id_gives_every_order(seven_orders) -> None:
    page = list_orders(OrderFilter(), cursor=encode_cursor(10**30))

    assert [item.id for item in page.items] == seven_orders[::-1]


@pytest.mark.parametrize("limit", [0, 201])
def test_a_limit_outside_1_to_200_is_refused(db, limit: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        list_orders(OrderFilter(), limit=limit)

    assert raised.value.field == "limit"
