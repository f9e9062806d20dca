"""Refunds of returns: computed from what was paid, executed through the gateway, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import Payment, PaymentPolicy, ReturnPolicy
from crossdock.domain.errors import IllegalTransition
from crossdock.domain.payments import PaymentDeclined, PaymentKind, RefundExceedsCaptured
from crossdock.domain.returns import Condition, Disposition, ReturnReason
from crossdock.services.orders.cancel_quantities import QuantityCancel, cancel_quantities
from crossdock.services.orders.commands import PaymentDetails
from crossdock.services.payments.queries import get_payments
from crossdock.services.payments.record_payment import PaymentReport, record_payment
from crossdock.services.returns.commands import LineInspection, ReturnLineRequest, ReturnRequest
from crossdock.services.returns.create_return import create_return
from crossdock.services.returns.inspect_return import inspect_return
from crossdock.services.returns.queries import get_return
from crossdock.services.returns.receive_return import receive_return
from crossdock.services.returns.refund_return import refund_return

CARD = PaymentDetails(gateway="test", method="visa")
UNOPENED = Condition.UNOPENED


def returned(
    order_id: int, *lines: tuple[int, int], reason: ReturnReason = ReturnReason.DOES_NOT_FIT, condition=UNOPENED
) -> int:
    """Opens, receives at Newark and inspects (restock) a return of (line, quantity) pairs."""
    request = ReturnRequest(order_id, [ReturnLineRequest(n, q, reason) for n, q in lines])
    return_id = create_return(request, actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh")
    inspections = [
        LineInspection(n, condition, Disposition.RESTOCK if condition != Condition.DAMAGED else Disposition.DAMAGED)
        for n, _ in lines
    ]
    inspect_return(return_id, inspections, actor="wh")
    return return_id


@pytest.fixture
def paid(plenty, order_of, ship_all) -> int:
    """Two jackets and a beanie, 10.00 off, 4.95 shipping: 312.45 captured when shipped."""
    order_id = order_of(("TRAIL-JACKET-M", 2), ("WOOL-BEANIE", 1), discount="10.00", shipping="4.95", payment=CARD)
    ship_all(order_id)
    assert get_payments(order_id).captured == Decimal("312.45")
    return order_id


def test_returning_everything_refunds_everything_that_was_paid(paid) -> None:
    return_id = returned(paid, (1, 2), (2, 1))

    amount = refund_return(return_id, actor="cs:maria")

    assert amount == Decimal("312.45")
    refunded = get_return(return_id)
    assert (refunded.status, refunded.refund_total, refunded.shipping_refund, refunded.restocking_fee) == (
        "refunded",
        Decimal("312.45"),
        Decimal("4.95"),
        Decimal("0.00"),
    )
    assert [line.refund_amount for line in refunded.lines] == [Decimal("288.61"), Decimal("18.89")]
    assert [(p.kind, p.amount, p.return_id) for p in get_payments(paid).payments][-1] == (
        "refund",
        Decimal("312.45"),
        return_id,
    )
    assert refunded.timeline[-1].type == "ReturnRefunded"


def test_partial_returns_add_up_to_the_full_return_and_shipping_comes_back_with_the_last_unit(paid) -> None:
    first = refund_return(returned(paid, (1, 1)), actor="cs:maria")
    second = refund_return(returned(paid, (1, 1), (2, 1)), actor="cs:maria")

    assert (first, second) == (Decimal("144.31"), Decimal("168.14"))
    assert first + second == Decimal("312.45")
    assert get_payments(paid).refunded == get_payments(paid).captured


def test_a_restocking_fee_is_kept_when_the_customer_chose_to_return(paid, channels) -> None:
    ReturnPolicy.objects.create(channel=channels["web"], restocking_fee_percent=Decimal("10"))

    chose = refund_return(returned(paid, (1, 1)), actor="cs:maria")
    faulty = refund_return(returned(paid, (1, 1), reason=ReturnReason.DEFECTIVE), actor="cs:maria")

    assert (chose, faulty) == (Decimal("129.88"), Decimal("144.30"))


@pytest.mark.parametrize(
    ("rule", "refund"), [("never", Decimal("144.31")), ("proportional", Decimal("146.63"))], ids=["never", "prop"]
)
def test_shipping_comes_back_by_the_policys_rule(paid, channels, rule, refund) -> None:
    ReturnPolicy.objects.create(channel=channels["web"], shipping_refund=rule)

    assert refund_return(returned(paid, (1, 1)), actor="cs:maria") == refund


def test_proportional_shipping_adds_up_to_the_charge_over_every_return(paid, channels) -> None:
    ReturnPolicy.objects.create(channel=channels["web"], shipping_refund="proportional")

    ids = [returned(paid, (1, 1)), returned(paid, (2, 1)), returned(paid, (1, 1))]
    for return_id in ids:
        refund_return(return_id, actor="cs:maria")

    assert sum(get_return(i).shipping_refund for i in ids) == Decimal("4.95")
    assert sum(get_return(i).refund_total for i in ids) == Decimal("312.45")  # type: ignore[misc]


def test_a_line_rejected_at_inspection_earns_nothing(paid) -> None:
    request = ReturnRequest(
        paid, [ReturnLineRequest(1, 1, ReturnReason.DOES_NOT_FIT), ReturnLineRequest(2, 1, ReturnReason.DOES_NOT_FIT)]
    )
    return_id = create_return(request, actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh")
    inspect_return(
        return_id,
        [
            LineInspection(1, Condition.OPENED, Disposition.RESTOCK),
            LineInspection(2, Condition.USED, Disposition.DAMAGED),
        ],
        actor="wh",
    )

    assert refund_return(return_id, actor="cs:maria") == Decimal("144.31")


def test_a_return_is_refunded_once(paid, db_state) -> None:
    return_id = returned(paid, (1, 1))
    refund_return(return_id, actor="cs:maria")
    before = db_state()

    with pytest.raises(IllegalTransition) as raised:
        refund_return(return_id, actor="cs:maria")

    assert raised.value.message == f"RMA-{paid}-1 was already refunded"
    assert db_state() == before


def test_a_return_not_yet_inspected_cannot_be_refunded(paid, db_state) -> None:
    return_id = create_return(ReturnRequest(paid, [ReturnLineRequest(1, 1, ReturnReason.DOES_NOT_FIT)]), actor="cs")
    before = db_state()

    with pytest.raises(IllegalTransition):
        refund_return(return_id, actor="cs:maria")

    assert db_state() == before


def test_a_refund_above_what_was_captured_is_refused_and_nothing_is_written(
    plenty, order_of, ship_all, db_state
) -> None:
    # the payment system reported an authorisation of only part of the shipped order: 20.00 is captured
    order_id = order_of(("WOOL-BEANIE", 2))
    ship_all(order_id)
    record_payment(order_id, PaymentReport(PaymentKind.AUTHORISATION, Decimal("20.00"), "USD", "psp-a"), actor="psp")
    assert get_payments(order_id).captured == Decimal("20.00")
    return_id = returned(order_id, (1, 2))
    before = db_state()

    with pytest.raises(RefundExceedsCaptured) as raised:
        refund_return(return_id, actor="cs:maria")

    assert (raised.value.status, raised.value.field) == (409, "amount")
    assert db_state() == before


def test_a_declined_refund_is_recorded_and_the_return_can_be_refunded_again(plenty, order_of, ship_all) -> None:
    order_id = order_of(("WOOL-BEANIE", 2), payment=PaymentDetails(gateway="test", method="fail_refund"))
    ship_all(order_id)
    return_id = returned(order_id, (1, 1))

    with pytest.raises(PaymentDeclined):
        refund_return(return_id, actor="cs:maria")

    assert get_return(return_id).status == "inspected"
    assert list(Payment.objects.filter(kind="refund").values_list("status", "amount")) == [("failed", Decimal("19.50"))]
    Payment.objects.update(method="visa")  # the customer's bank fixed it
    assert refund_return(return_id, actor="cs:maria") == Decimal("19.50")


def test_a_cancelled_unit_and_the_returned_rest_add_up_to_the_line(plenty, order_of, ship_all, channels) -> None:
    PaymentPolicy.objects.create(channel=channels["web"], capture_at="placement")
    order_id = order_of(("WOOL-BEANIE", 3), discount="0.01", payment=CARD)  # 58.49 paid

    cancel_quantities(order_id, [QuantityCancel(1, 1)], reason="one too many", actor="cs")
    ship_all(order_id)
    refund_return(returned(order_id, (1, 2)), actor="cs")

    payments = get_payments(order_id)
    assert (payments.captured, payments.refunded) == (Decimal("58.49"), Decimal("58.49"))
