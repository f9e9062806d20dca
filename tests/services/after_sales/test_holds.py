"""Holds: placed by hand, by fraud rules or by payment; an order on hold is not released to fulfilment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from after_sales_fixtures import LONDON_BILLING
from crossdock.db.models import FraudRule, OrderHold, OutboxMessage, PaymentPolicy, Reservation
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.holds import HoldKind
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.holds.queries import is_on_hold, list_holds
from crossdock.services.holds.release_hold import release_hold
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import CustomerDetails, PaymentDetails
from crossdock.services.orders.queries import get_order
from crossdock.services.payments.queries import get_payments


def statuses(order_id: int) -> list[str]:
    return [f.status for f in get_order(order_id).fulfilments]


def test_a_manual_hold_holds_the_work_and_its_release_sends_it_back_to_routing(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1), ("TRAIL-JACKET-M", 1))

    hold_id = hold_order(order_id, kind=HoldKind.MANUAL, reason="customer asked us to wait", actor="cs:maria")

    assert is_on_hold(order_id)
    assert statuses(order_id) == ["held"]
    release_hold(order_id, hold_id, reason="customer confirmed", actor="cs:maria")
    assert not is_on_hold(order_id)
    assert statuses(order_id) == ["assigned"]
    assert [(e.type, e.reason) for e in get_order(order_id).timeline][-2:] == [
        ("HoldPlaced", "customer asked us to wait"),
        ("HoldReleased", "customer confirmed"),
    ]
    assert list(OutboxMessage.objects.filter(topic__startswith="order.h").values_list("topic", flat=True)) == [
        "order.held",
        "order.hold_released",
    ]


def test_holding_keeps_the_stock_reserved(plenty, order_of, position) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 2))

    hold_order(order_id, kind=HoldKind.MANUAL, reason="address check", actor="cs:maria")

    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 2


def test_with_two_holds_releasing_one_keeps_the_order_held(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    first = hold_order(order_id, kind=HoldKind.MANUAL, reason="address check", actor="cs:maria")
    hold_order(order_id, kind=HoldKind.FRAUD, reason="card used in three countries", actor="risk:tom")

    release_hold(order_id, first, reason="address fine", actor="cs:maria")

    assert is_on_hold(order_id)
    assert statuses(order_id) == ["held"]


def test_a_hold_cannot_be_released_twice(plenty, order_of, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    hold_id = hold_order(order_id, kind=HoldKind.MANUAL, reason="address check", actor="cs:maria")
    release_hold(order_id, hold_id, reason="fine", actor="cs:maria")
    before = db_state()

    with pytest.raises(IllegalTransition):
        release_hold(order_id, hold_id, reason="again", actor="cs:maria")

    assert db_state() == before


def test_an_unknown_hold_or_a_missing_reason_is_refused(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))

    with pytest.raises(NotFound):
        release_hold(order_id, 999, reason="fine", actor="cs:maria")
    with pytest.raises(InvalidInput):
        hold_order(order_id, kind=HoldKind.MANUAL, reason=" ", actor="cs:maria")


def test_cancelling_a_held_order_closes_its_holds_and_releases_its_stock(plenty, order_of, position) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 2))
    hold_order(order_id, kind=HoldKind.FRAUD, reason="suspicious", actor="risk:tom")

    cancel_order(order_id, reason="fraud confirmed", actor="risk:tom")

    assert list(OrderHold.objects.values_list("status", "resolution")) == [("cancelled", "fraud confirmed")]
    assert statuses(order_id) == ["cancelled"]
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 0
    assert Reservation.objects.count() == 0


def test_a_cancelled_order_cannot_be_held(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    cancel_order(order_id, reason="duplicate", actor="cs:maria")

    with pytest.raises(IllegalTransition):
        hold_order(order_id, kind=HoldKind.MANUAL, reason="late", actor="cs:maria")


@pytest.fixture
def rule(channels):  # type: ignore[no-untyped-def]
    def make(code: str, kind: str, **settings: object) -> FraudRule:
        return FraudRule.objects.create(code=code, kind=kind, **settings)

    return make


def test_an_order_above_the_value_threshold_goes_on_a_fraud_hold_saying_why(plenty, order_of, rule) -> None:
    rule("big-basket", "order_value_above", amount=Decimal("150.00"), currency="USD")

    order_id = order_of(("TRAIL-JACKET-M", 1), ("WOOL-BEANIE", 1))

    (hold,) = list_holds(order_id)
    assert (hold.kind, hold.reason, hold.placed_by) == ("fraud", "order value 168.50 USD is above 150.00 USD", "test")
    assert hold.rules == [
        {"code": "big-basket", "kind": "order_value_above", "explanation": "order value 168.50 USD is above 150.00 USD"}
    ]
    assert statuses(order_id) == ["held"]


def test_an_order_below_the_threshold_and_a_rule_switched_off_do_not_hold(plenty, order_of, rule) -> None:
    rule("big-basket", "order_value_above", amount=Decimal("150.00"), currency="USD")
    rule("first-timer", "first_order", active=False)

    order_id = order_of(("WOOL-BEANIE", 1))

    assert not is_on_hold(order_id)


def test_the_first_order_of_a_new_customer_is_held_but_not_their_second(plenty, order_of, rule) -> None:
    rule("first-timer", "first_order")
    newcomer = CustomerDetails(external_id="C-GRACE-1", email="grace@example.com")

    first = order_of(("WOOL-BEANIE", 1), customer=newcomer)
    second = order_of(("WOOL-BEANIE", 1), customer=newcomer)

    assert [is_on_hold(first), is_on_hold(second)] == [True, False]


def test_a_billing_country_other_than_the_shipping_country_is_held(plenty, order_of, rule) -> None:
    rule("far-billing", "country_mismatch")

    held = order_of(("WOOL-BEANIE", 1), billing=LONDON_BILLING)
    not_held = order_of(("WOOL-BEANIE", 1))

    assert [h.reason for h in list_holds(held)] == ["billing country GB differs from shipping country US"]
    assert not is_on_hold(not_held)


def test_more_than_n_orders_to_one_address_in_a_day_are_held(plenty, order_of, rule) -> None:
    rule("reshipper", "address_velocity", limit=2)

    orders = [order_of(("WOOL-BEANIE", 1)) for _ in range(3)]

    assert [is_on_hold(order_id) for order_id in orders] == [False, False, True]
    assert list_holds(orders[2])[0].reason == "3 orders to this address within 24 hours (more than 2)"


def test_a_rule_for_another_channel_does_not_apply(plenty, order_of, rule, channels) -> None:
    rule("store-first", "first_order", channel=channels["store"])

    assert not is_on_hold(order_of(("WOOL-BEANIE", 1)))


def test_releasing_a_fraud_hold_captures_when_the_channel_captures_at_placement(
    plenty, order_of, rule, channels
) -> None:
    PaymentPolicy.objects.create(channel=channels["web"], capture_at="placement")
    rule("big-basket", "order_value_above", amount=Decimal("100.00"), currency="USD")
    order_id = order_of(("TRAIL-JACKET-M", 1), payment=PaymentDetails(gateway="test"))
    assert get_payments(order_id).captured == 0  # held: authorised only

    release_hold(order_id, list_holds(order_id)[0].id, reason="called the customer", actor="risk:tom")

    assert get_payments(order_id).captured == Decimal("149.00")
