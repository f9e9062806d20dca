"""After-sales under real concurrency on PostgreSQL: one refund per return, cancels against claims."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from after_sales_racing import CRASH, OK, Outcome, race
from django.db import connection

from crossdock.db.models import FulfilmentOrder, Order, Payment, Reservation, Return, StockPosition
from crossdock.domain.returns import Condition, Disposition, ReturnReason
from crossdock.services.orders.commands import PaymentDetails
from crossdock.services.returns.commands import LineInspection, ReturnLineRequest, ReturnRequest
from crossdock.services.returns.create_return import create_return
from crossdock.services.returns.inspect_return import inspect_return
from crossdock.services.returns.receive_return import receive_return

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races between OS processes need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

RACERS = 4


def database() -> str:
    return str(connection.settings_dict["NAME"])


def crashes(outcomes: list[Outcome]) -> list[str]:
    return [f"{o.job} {o.subject}: {o.detail}" for o in outcomes if o.result == CRASH]


def test_refunding_one_return_from_four_processes_at_once_refunds_it_once(plenty, order_of, ship_all) -> None:
    # given a shipped, paid order whose jacket came back and passed inspection
    order_id = order_of(("TRAIL-JACKET-M", 2), payment=PaymentDetails(gateway="test"))
    ship_all(order_id)
    return_id = create_return(ReturnRequest(order_id, [ReturnLineRequest(1, 1, ReturnReason.DOES_NOT_FIT)]), actor="cs")
    receive_return(return_id, "WH-NJ", actor="wh")
    inspect_return(return_id, [LineInspection(1, Condition.UNOPENED, Disposition.RESTOCK)], actor="wh")

    # when four processes refund it at the same instant
    outcomes = race(database(), [("refund", [return_id])] * RACERS)

    # then one refund went through and the others were told it already had
    assert not crashes(outcomes), "\n".join(crashes(outcomes))
    assert Counter(o.result for o in outcomes) == {OK: 1, "illegal_transition": RACERS - 1}
    refunds = list(Payment.objects.filter(kind="refund").values_list("status", "amount", "return_request_id"))
    assert refunds == [("succeeded", Decimal("149.00"), return_id)]
    assert Return.objects.get().status == "refunded"


def test_a_cancel_racing_a_stores_claim_ends_consistent_with_the_stock_right(stock, order_of) -> None:
    # given twelve orders of two jackets each, every one assigned to Newark
    stock("WH-NJ", "TRAIL-JACKET-M", 30)
    orders = [order_of(("TRAIL-JACKET-M", 2)) for _ in range(12)]

    # when customer service cancels each order while the store claims it, two processes per side
    outcomes = race(
        database(), [("cancel", orders), ("claim", orders), ("cancel", orders[::-1]), ("claim", orders[::-1])]
    )

    # then nothing crashed: each claim either won before the cancel or was refused after it …
    assert not crashes(outcomes), "\n".join(crashes(outcomes))
    by_job = Counter((o.job, o.result) for o in outcomes)
    assert set(by_job) <= {
        ("cancel", OK),
        ("cancel", "illegal_transition"),
        ("claim", OK),
        ("claim", "illegal_transition"),
    }
    assert by_job[("cancel", OK)] == len(orders)  # a claimed fulfilment may still be cancelled; each order once
    # … every order is cancelled with its fulfilment, never left claimed, and all the stock is back
    assert set(Order.objects.values_list("status", flat=True)) == {"cancelled"}
    assert set(FulfilmentOrder.objects.values_list("status", flat=True)) == {"cancelled"}
    jackets = StockPosition.objects.get(location__code="WH-NJ", product__sku="TRAIL-JACKET-M")
    assert (jackets.on_hand, jackets.reserved, Reservation.objects.count()) == (30, 0, 0)


def test_two_returns_of_the_same_units_at_once_open_one(plenty, order_of, ship_all) -> None:
    # given three jackets shipped
    order_id = order_of(("TRAIL-JACKET-M", 3))
    ship_all(order_id)

    # when two processes each ask to return two of them at the same instant
    outcomes = race(database(), [("return_two", [order_id])] * 2)

    # then one return is opened and the other is told only one can still come back
    assert not crashes(outcomes), "\n".join(crashes(outcomes))
    assert sorted(o.result for o in outcomes) == ["exceeds_returnable", OK]
    assert Return.objects.count() == 1
