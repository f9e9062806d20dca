"""Payments: authorise at placement, capture by the channel's policy, holds on failure, manual reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import FulfilmentOrder, OrderHold, OutboxMessage, Payment, PaymentPolicy
from crossdock.domain.money import CurrencyMismatch
from crossdock.domain.payments import ExceedsAuthorised, PaymentKind, RefundExceedsCaptured
from crossdock.services.holds.queries import is_on_hold
from crossdock.services.orders.cancel_order import cancel_order
from crossdock.services.orders.commands import PaymentDetails
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.orders.queries import get_order
from crossdock.services.payments.queries import get_payments
from crossdock.services.payments.record_payment import PaymentReport, record_payment

CARD = PaymentDetails(gateway="test", method="visa")


def ledger(order_id: int) -> list[tuple[str, str, Decimal, str]]:
    return list(Payment.objects.filter(order_id=order_id).values_list("kind", "status", "amount", "gateway"))


@pytest.fixture
def capture_at_placement(channels) -> None:
    PaymentPolicy.objects.create(channel=channels["web"], capture_at="placement")


def test_the_test_gateway_authorises_the_total_at_placement_and_captures_nothing_yet(plenty, order_of) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 2), discount="10.00", shipping="4.95", payment=CARD)

    assert ledger(order_id) == [("authorisation", "succeeded", Decimal("174.75"), "test")]
    event = get_order(order_id).timeline[-1]
    assert (event.type, event.data["kind"], event.data["amount"]) == ("PaymentRecorded", "authorisation", "174.75")
    assert OutboxMessage.objects.filter(topic="payment.authorisation", aggregate_id=str(order_id)).count() == 1


def test_a_channel_that_captures_at_placement_captures_the_total_at_once(
    plenty, order_of, capture_at_placement
) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 2), shipping="4.95", payment=CARD)

    assert ledger(order_id) == [
        ("authorisation", "succeeded", Decimal("184.75"), "test"),
        ("capture", "succeeded", Decimal("184.75"), "test"),
    ]


def test_a_declined_authorisation_puts_the_order_on_a_payment_hold(plenty, order_of) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 1), payment=PaymentDetails(gateway="test", method="decline"))

    assert ledger(order_id) == [("authorisation", "failed", Decimal("89.90"), "test")]
    assert is_on_hold(order_id)
    assert list(OrderHold.objects.values_list("kind", "status")) == [("payment", "active")]
    assert [f.status for f in get_order(order_id).fulfilments] == ["held"]
    assert [e.type for e in get_order(order_id).timeline][-2:] == ["PaymentFailed", "HoldPlaced"]


def test_each_shipped_fulfilment_captures_its_share_and_the_shares_add_up(stock, order_of, ship_all) -> None:
    # runners ship from Manhattan, the jacket from Newark: two fulfilments, one order discount
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "TRAIL-JACKET-M", 5)
    order_id = order_of(("RETRO-RUNNER-42", 2), ("TRAIL-JACKET-M", 1), discount="25.00", shipping="4.95", payment=CARD)
    first, second = FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk")

    mark_fulfilment_shipped(first.pk, actor="store:ST-MAN")
    mark_fulfilment_shipped(second.pk, actor="wh:WH-NJ")

    captures = [amount for kind, _, amount, _ in ledger(order_id) if kind == "capture"]
    # runners 179.80 less 13.67 of the discount, plus shipping with the first parcel; the jacket 149.00 less 11.33
    assert captures == [Decimal("171.08"), Decimal("137.67")]
    assert sum(captures) == get_order(order_id).total == Decimal("308.75")


def test_a_failed_capture_at_shipment_holds_the_rest_of_the_order(stock, order_of) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "TRAIL-JACKET-M", 5)
    method = PaymentDetails(gateway="test", method="fail_capture")
    order_id = order_of(("RETRO-RUNNER-42", 1), ("TRAIL-JACKET-M", 1), payment=method)
    first = FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk").first()

    mark_fulfilment_shipped(first.pk, actor="store:ST-MAN")  # type: ignore[union-attr]

    assert ledger(order_id)[-1] == ("capture", "failed", Decimal("89.90"), "test")
    assert is_on_hold(order_id)
    assert [f.status for f in FulfilmentOrder.objects.filter(order_id=order_id).order_by("pk")] == ["shipped", "held"]


def test_carried_out_goods_are_captured_at_placement_even_when_capture_waits_for_shipment(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "carry_out", "ST-BKN"), ("TRAIL-JACKET-M", 1), payment=CARD)

    assert ledger(order_id) == [
        ("authorisation", "succeeded", Decimal("168.50"), "test"),
        ("capture", "succeeded", Decimal("19.50"), "test"),
    ]


def test_a_manual_authorisation_arrives_with_the_order_and_capture_is_recorded_at_shipment(
    plenty, order_of, ship_all
) -> None:
    details = PaymentDetails(gateway="manual", reference="psp-auth-7781")
    order_id = order_of(("WOOL-BEANIE", 2), payment=details)

    ship_all(order_id)

    assert ledger(order_id) == [
        ("authorisation", "succeeded", Decimal("39.00"), "manual"),
        ("capture", "succeeded", Decimal("39.00"), "manual"),
    ]
    assert Payment.objects.get(kind="authorisation").reference == "psp-auth-7781"


def test_an_order_without_payment_details_gets_no_payment_records(plenty, order_of, ship_all) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))

    ship_all(order_id)

    assert ledger(order_id) == []


def test_cancelling_a_captured_order_refunds_it_and_cancelling_an_authorised_one_voids_it(
    plenty, order_of, channels
) -> None:
    PaymentPolicy.objects.create(channel=channels["store"], capture_at="placement")
    captured = order_of(("WOOL-BEANIE", 2), shipping="4.95", payment=CARD, channel="store")
    authorised = order_of(("WOOL-BEANIE", 1), payment=CARD)

    cancel_order(captured, reason="customer changed their mind", actor="cs:maria")
    cancel_order(authorised, reason="customer changed their mind", actor="cs:maria")

    assert ledger(captured)[-1] == ("refund", "succeeded", Decimal("43.95"), "test")
    assert ledger(authorised)[-1] == ("void", "succeeded", Decimal("19.50"), "test")
    assert (get_order(captured).total, get_order(captured).shipping_total) == (Decimal("0.00"), Decimal("0.00"))


def test_cancelling_one_line_of_a_captured_order_refunds_that_line_net_of_its_discount(
    plenty, order_of, capture_at_placement
) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 2), ("WOOL-BEANIE", 1), discount="10.00", shipping="4.95", payment=CARD)

    cancel_order(order_id, reason="beanie out of stock at the till", actor="cs:maria", line_numbers=[2])

    assert ledger(order_id)[-1] == ("refund", "succeeded", Decimal("18.52"), "test")
    order = get_order(order_id)
    assert (order.total, order.discount_total, order.shipping_total) == (
        Decimal("175.73"),
        Decimal("9.02"),
        Decimal("4.95"),
    )


def test_a_reported_payment_is_recorded_and_a_reported_failure_holds_the_order(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2))

    record_payment(order_id, PaymentReport(PaymentKind.AUTHORISATION, Decimal("39.00"), "USD", "psp-1"), actor="psp")
    record_payment(
        order_id,
        PaymentReport(PaymentKind.CAPTURE, Decimal("39.00"), "USD", "psp-2", succeeded=False, message="expired card"),
        actor="psp",
    )

    payments = get_payments(order_id)
    assert (payments.authorised, payments.captured, payments.open_authorisation) == (39, 0, 39)
    assert [(p.kind, p.status, p.reference) for p in payments.payments] == [
        ("authorisation", "succeeded", "psp-1"),
        ("capture", "failed", "psp-2"),
    ]
    assert list(OrderHold.objects.values_list("kind", "reason")) == [("payment", "capture failed: expired card")]


def test_a_reported_successful_capture_lifts_the_payment_hold(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 2), payment=PaymentDetails(gateway="test", method="decline"))

    record_payment(order_id, PaymentReport(PaymentKind.AUTHORISATION, Decimal("39.00"), "USD", "psp-9"), actor="psp")

    assert not is_on_hold(order_id)
    assert [f.status for f in get_order(order_id).fulfilments] == ["assigned"]


@pytest.mark.parametrize(
    ("report", "error", "field"),
    [
        (PaymentReport(PaymentKind.REFUND, Decimal("0.01"), "USD", "psp-r"), RefundExceedsCaptured, "amount"),
        (PaymentReport(PaymentKind.CAPTURE, Decimal("39.01"), "USD", "psp-c"), ExceedsAuthorised, "amount"),
        (PaymentReport(PaymentKind.AUTHORISATION, Decimal("39.00"), "EUR", "psp-a"), CurrencyMismatch, "currency"),
    ],
    ids=["refund above captured", "capture above authorised", "currency that does not match"],
)
def test_a_report_that_does_not_fit_the_balance_is_refused_and_nothing_is_written(
    plenty, order_of, db_state, report, error, field
) -> None:
    order_id = order_of(("WOOL-BEANIE", 2), payment=PaymentDetails(gateway="manual", reference="psp-auth"))
    before = db_state()

    with pytest.raises(error) as raised:
        record_payment(order_id, report, actor="psp")

    assert raised.value.field == field
    assert db_state() == before
