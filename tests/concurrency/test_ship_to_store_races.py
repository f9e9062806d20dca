"""Ship to store under real concurrency on PostgreSQL: two associates receive the same parcels at once.

Each parcel is received once: the units join the pickup store's on-hand and reserved count exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from ledger import out_of_balance, oversold, position_books
from racing import OK, Race, Stock, postgresql_only, unexpected
from store_jobs import ReceiveTransfers

from crossdock.db.models import FulfilmentOrder, OrderEvent, StockPosition
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.staff.create_user import NewStaff, create_staff_user

pytestmark = [pytest.mark.postgresql, postgresql_only(), pytest.mark.django_db(transaction=True)]

RUNNERS = "RETRO-RUNNER-42"


def test_two_associates_receiving_the_same_parcels_at_once_receive_each_once(
    stock: Stock, place: Callable[..., int], race: Race
) -> None:
    # given eight pickup orders in Brooklyn for a runner only Newark has, each shipped from Newark to Brooklyn
    stock("WH-NJ", RUNNERS, 8)
    orders = [
        place(RequestedLine(RUNNERS, 1, DeliveryMethod.PICKUP, "ST-BKN"), shipping_address=None) for _ in range(8)
    ]
    transfers = [
        FulfilmentOrder.objects.get(order_id=order_id, destination_location__isnull=False) for order_id in orders
    ]
    for transfer in transfers:
        mark_fulfilment_shipped(transfer.pk, actor="wms:newark")
    users = [
        create_staff_user(
            NewStaff(name, "correct-horse-battery", "store_associate", ["ST-BKN"], check_password_strength=False)
        )
        for name in ("bram", "bea")
    ]
    parcels = tuple((transfer.pk, transfer.order_id) for transfer in transfers)

    # when two associates of Brooklyn receive every parcel at the same time, each from its own process
    outcomes = race([ReceiveTransfers(user_id, parcels) for user_id in users])

    # then each parcel was received once, and the other associate was told it already was
    surprises = unexpected(outcomes, allowed={"illegal_transition"})
    assert not surprises, "\n\n".join(surprises)
    results = {order_id: Counter(o.result for o in outcomes if o.reference == str(order_id)) for order_id in orders}
    assert results == {order_id: {OK: 1, "illegal_transition": 1} for order_id in orders}
    assert OrderEvent.objects.filter(type="TransferReceived").count() == 8
    assert set(FulfilmentOrder.objects.filter(destination_location__isnull=False).values_list("status", flat=True)) == {
        "received"
    }
    # … and Brooklyn holds the eight runners once, all reserved for their orders, nothing oversold
    brooklyn = StockPosition.objects.get(location__code="ST-BKN", product__sku=RUNNERS)
    assert (brooklyn.on_hand, brooklyn.reserved) == (8, 8)
    books = position_books()
    assert oversold(books) == [] and out_of_balance(books) == []
