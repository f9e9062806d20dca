"""Exchanges: the replacement is a new order; the price difference is charged or refunded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import Order
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.returns import Condition, Disposition, ExceedsReturnable, ReturnReason
from crossdock.services.orders.commands import PaymentDetails, PricedLine
from crossdock.services.orders.queries import get_order
from crossdock.services.payments.queries import get_payments
from crossdock.services.returns.commands import LineInspection, ReturnLineRequest, ReturnRequest
from crossdock.services.returns.exchange import ExchangeRequest, create_exchange
from crossdock.services.returns.inspect_return import inspect_return
from crossdock.services.returns.queries import get_return
from crossdock.services.returns.receive_return import receive_return
from crossdock.services.returns.refund_return import refund_return

CARD = PaymentDetails(gateway="test", method="visa")


def exchange(order_id: int, line: int, replacement_sku: str, quantity: int = 1):  # type: ignore[no-untyped-def]
    request = ExchangeRequest(
        ReturnRequest(order_id, [ReturnLineRequest(line, quantity, ReturnReason.DOES_NOT_FIT)]),
        [PricedLine(RequestedLine(replacement_sku, quantity, DeliveryMethod.SHIP))],
    )
    return create_exchange(request, actor="cs:maria")


def finish(return_id: int, line: int) -> Decimal:
    receive_return(return_id, "WH-NJ", actor="wh")
    inspect_return(return_id, [LineInspection(line, Condition.UNOPENED, Disposition.RESTOCK)], actor="wh")
    return refund_return(return_id, actor="cs:maria")


def ledger(order_id: int) -> list[tuple[str, str, Decimal]]:
    return [(p.kind, p.gateway, p.amount) for p in get_payments(order_id).payments if p.status == "succeeded"]


@pytest.fixture
def delivered(plenty, order_of, ship_all) -> int:
    order_id = order_of(("TRAIL-JACKET-M", 1), ("WOOL-BEANIE", 1), payment=CARD)
    ship_all(order_id)
    return order_id


def test_a_like_for_like_exchange_costs_nothing_and_places_a_new_order(delivered) -> None:
    result = exchange(delivered, 1, "TRAIL-JACKET-M")

    assert (result.credit, result.difference) == (Decimal("149.00"), Decimal("0.00"))
    replacement = get_order(result.replacement_order_id)
    assert (replacement.channel_order_id, replacement.status, replacement.total) == (
        f"A-1/RMA-{delivered}-1",
        "placed",
        Decimal("149.00"),
    )
    assert [(line.sku, line.status) for line in replacement.lines] == [("TRAIL-JACKET-M", "allocated")]
    assert ledger(result.replacement_order_id) == [
        ("authorisation", "exchange", Decimal("149.00")),
        ("capture", "exchange", Decimal("149.00")),
    ]
    assert get_return(result.return_id).replacement_order_id == result.replacement_order_id
    assert replacement.timeline[-1].type == "ExchangeCreated"
    # when the jacket comes back, its value moves to the replacement: no money is refunded
    assert finish(result.return_id, 1) == Decimal("149.00")
    assert ledger(delivered)[-1] == ("refund", "exchange", Decimal("149.00"))


def test_a_dearer_replacement_charges_the_difference_through_the_original_gateway(delivered) -> None:
    result = exchange(delivered, 2, "TRAIL-JACKET-M")

    assert result.difference == Decimal("129.50")
    assert ledger(result.replacement_order_id) == [
        ("authorisation", "exchange", Decimal("19.50")),
        ("capture", "exchange", Decimal("19.50")),
        ("authorisation", "test", Decimal("129.50")),
    ]


def test_a_cheaper_replacement_refunds_the_difference_with_the_return(delivered) -> None:
    result = exchange(delivered, 1, "WOOL-BEANIE")

    assert result.difference == Decimal("-129.50")
    assert finish(result.return_id, 1) == Decimal("149.00")
    assert ledger(delivered)[-2:] == [("refund", "exchange", Decimal("19.50")), ("refund", "test", Decimal("129.50"))]


def test_an_exchange_the_policy_refuses_places_no_order(delivered, db_state) -> None:
    before = db_state()

    with pytest.raises(ExceedsReturnable):
        exchange(delivered, 1, "TRAIL-JACKET-M", quantity=2)

    assert db_state() == before
    assert Order.objects.count() == 1
