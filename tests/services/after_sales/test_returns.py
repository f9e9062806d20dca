"""Returns: the policy's clear answer, receipt at any location, inspection and disposition per line."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crossdock.db.models import FulfilmentOrder, OutboxMessage, Product, ReturnPolicy, StockPosition
from crossdock.domain.errors import IllegalTransition, InvalidInput
from crossdock.domain.returns import (
    Condition,
    ConditionNotAccepted,
    Disposition,
    ExceedsReturnable,
    NotReturnable,
    OutsideReturnWindow,
    ReturnReason,
    ReturnSource,
)
from crossdock.services import clock
from crossdock.services.orders.queries import get_order
from crossdock.services.returns.cancel_return import cancel_return
from crossdock.services.returns.commands import LineInspection, ReturnLineRequest, ReturnRequest
from crossdock.services.returns.create_return import check_return, create_return
from crossdock.services.returns.inspect_return import inspect_return
from crossdock.services.returns.queries import get_return
from crossdock.services.returns.receive_return import receive_return

TOO_SMALL = ReturnReason.DOES_NOT_FIT


def rma(order_id: int, *lines: tuple[int, int], **options: object) -> ReturnRequest:
    return ReturnRequest(
        order_id, [ReturnLineRequest(number, quantity, TOO_SMALL) for number, quantity in lines], **options
    )  # type: ignore[arg-type]


@pytest.fixture
def delivered(plenty, order_of, ship_all) -> int:
    """Ada's order of 2 jackets and a beanie, shipped from Newark."""
    order_id = order_of(("TRAIL-JACKET-M", 2), ("WOOL-BEANIE", 1))
    ship_all(order_id)
    return order_id


def test_customer_service_opens_a_return_for_shipped_goods(delivered) -> None:
    return_id = create_return(rma(delivered, (1, 1)), actor="cs:maria")

    opened = get_return(return_id)
    assert (opened.rma_number, opened.status, opened.source, opened.created_by) == (
        f"RMA-{delivered}-1",
        "requested",
        "customer_service",
        "cs:maria",
    )
    assert [(line.line_number, line.sku, line.quantity, line.reason) for line in opened.lines] == [
        (1, "TRAIL-JACKET-M", 1, "does_not_fit")
    ]
    assert [e.type for e in opened.timeline] == ["ReturnCreated"]
    assert get_order(delivered).timeline[-1].data["rma_number"] == opened.rma_number
    message = OutboxMessage.objects.get(topic="return.created")
    assert (message.aggregate_type, message.aggregate_id) == ("return", opened.rma_number)


def test_returning_more_than_was_shipped_is_refused_and_nothing_is_written(delivered, db_state) -> None:
    before = db_state()

    with pytest.raises(ExceedsReturnable) as raised:
        create_return(rma(delivered, (2, 2)), actor="cs:maria")

    assert (raised.value.field, raised.value.message) == (
        "lines[0].quantity",
        "2 × WOOL-BEANIE asked back, 1 can be returned (1 shipped, 0 already returned)",
    )
    assert db_state() == before


def test_units_already_on_a_return_cannot_be_returned_again(delivered) -> None:
    create_return(rma(delivered, (1, 1)), actor="cs:maria")

    with pytest.raises(ExceedsReturnable):
        create_return(rma(delivered, (1, 2)), actor="cs:maria")


def test_nothing_can_be_returned_before_it_ships(plenty, order_of) -> None:
    order_id = order_of(("TRAIL-JACKET-M", 1))

    with pytest.raises(ExceedsReturnable):
        create_return(rma(order_id, (1, 1)), actor="cs:maria")


def test_a_return_outside_the_window_is_refused_with_the_closing_date(delivered, db_state) -> None:
    shipped_at = clock.now() - timedelta(days=31)
    FulfilmentOrder.objects.filter(order_id=delivered).update(updated_at=shipped_at)
    before = db_state()

    with pytest.raises(OutsideReturnWindow) as raised:
        create_return(rma(delivered, (1, 1)), actor="cs:maria")

    closed = (shipped_at + timedelta(days=30)).date().isoformat()
    assert (raised.value.code, raised.value.message, raised.value.field) == (
        "outside_return_window",
        f"the 30-day return window closed on {closed}",
        "lines[0].line",
    )
    assert db_state() == before


def test_a_channel_policy_sets_its_own_window(delivered, channels) -> None:
    ReturnPolicy.objects.create(channel=channels["web"], window_days=60)
    FulfilmentOrder.objects.filter(order_id=delivered).update(updated_at=clock.now() - timedelta(days=45))

    assert create_return(rma(delivered, (1, 1)), actor="cs:maria")


def test_a_non_returnable_sku_or_category_is_refused(delivered, channels, db_state) -> None:
    ReturnPolicy.objects.create(
        channel=channels["web"], non_returnable_skus=["WOOL-BEANIE"], non_returnable_categories=["outerwear"]
    )
    Product.objects.filter(sku="TRAIL-JACKET-M").update(category="outerwear")
    before = db_state()

    with pytest.raises(NotReturnable) as beanie:
        create_return(rma(delivered, (2, 1)), actor="cs:maria")
    with pytest.raises(NotReturnable) as jacket:
        create_return(rma(delivered, (1, 1)), actor="cs:maria")

    assert (beanie.value.message, jacket.value.message) == (
        "WOOL-BEANIE cannot be returned",
        "outerwear items cannot be returned",
    )
    assert db_state() == before


def test_a_condition_the_policy_does_not_accept_is_refused(delivered) -> None:
    request = ReturnRequest(delivered, [ReturnLineRequest(1, 1, TOO_SMALL, Condition.USED)])

    with pytest.raises(ConditionNotAccepted) as raised:
        create_return(request, actor="cs:maria")

    assert raised.value.message == "items returned used are not accepted (accepted: opened, unopened)"


def test_the_policy_check_answers_without_writing(delivered, db_state) -> None:
    before = db_state()

    answers = [check_return(rma(delivered, (1, 2))), check_return(rma(delivered, (1, 3)))]

    assert [(a.returnable, a.code) for a in answers] == [(True, "returnable"), (False, "exceeds_returnable")]
    assert db_state() == before


def test_goods_bought_online_are_returned_in_any_store(delivered, position) -> None:
    request = rma(delivered, (1, 1), source=ReturnSource.STORE, store="ST-CHI", received=True)

    return_id = create_return(request, actor="store:ST-CHI:li")

    received = get_return(return_id)
    assert (received.status, received.opened_at, received.received_at) == ("received", "ST-CHI", "ST-CHI")
    assert [e.type for e in received.timeline] == ["ReturnCreated", "ReturnReceived"]


def test_receiving_a_return_twice_is_refused_and_nothing_is_written(delivered, db_state) -> None:
    return_id = create_return(rma(delivered, (1, 1)), actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh:WH-NJ")
    before = db_state()

    with pytest.raises(IllegalTransition) as raised:
        receive_return(return_id, "ST-MAN", actor="store:ST-MAN")

    assert (raised.value.field, raised.value.message) == (
        "return_id",
        f"RMA-{delivered}-1 was already received at WH-NJ",
    )
    assert db_state() == before


def test_restocked_units_go_on_hand_at_the_receiving_store_even_one_that_never_stocked_them(delivered) -> None:
    return_id = create_return(rma(delivered, (1, 2), (2, 1)), actor="cs:maria")
    receive_return(return_id, "ST-CHI", actor="store:ST-CHI")

    inspect_return(
        return_id,
        [
            LineInspection(1, Condition.UNOPENED, Disposition.RESTOCK),
            LineInspection(2, Condition.DAMAGED, Disposition.DAMAGED),
        ],
        actor="store:ST-CHI",
    )

    chicago = StockPosition.objects.get(location__code="ST-CHI", product__sku="TRAIL-JACKET-M")
    assert (chicago.on_hand, chicago.reserved) == (2, 0)
    assert not StockPosition.objects.filter(location__code="ST-CHI", product__sku="WOOL-BEANIE").exists()
    inspected = get_return(return_id)
    assert inspected.status == "inspected"
    assert [(line.disposition, line.accepted) for line in inspected.lines] == [("restock", True), ("damaged", False)]


def test_restocking_adds_to_an_existing_position(delivered, position) -> None:
    return_id = create_return(rma(delivered, (1, 1)), actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh")

    inspect_return(return_id, [LineInspection(1, Condition.OPENED, Disposition.RESTOCK)], actor="wh")

    assert position("WH-NJ", "TRAIL-JACKET-M").on_hand == 19  # 20, 2 shipped, 1 back


def test_lines_may_be_inspected_one_at_a_time_and_a_return_with_nothing_accepted_closes(delivered) -> None:
    return_id = create_return(rma(delivered, (1, 1), (2, 1)), actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh")

    inspect_return(return_id, [LineInspection(1, Condition.USED, Disposition.RETURN_TO_VENDOR)], actor="wh")
    assert get_return(return_id).status == "received"
    inspect_return(return_id, [LineInspection(2, Condition.DAMAGED, Disposition.DAMAGED)], actor="wh")

    assert get_return(return_id).status == "closed"


@pytest.mark.parametrize(
    ("inspection", "error", "field"),
    [
        (LineInspection(1, Condition.DAMAGED, Disposition.RESTOCK), InvalidInput, "lines[0].disposition"),
        (LineInspection(9, Condition.UNOPENED, Disposition.RESTOCK), InvalidInput, "lines[0].line"),
    ],
    ids=["damaged goods restocked", "a line not on the return"],
)
def test_bad_inspections_are_refused(delivered, db_state, inspection, error, field) -> None:
    return_id = create_return(rma(delivered, (1, 1)), actor="cs:maria")
    receive_return(return_id, "WH-NJ", actor="wh")
    before = db_state()

    with pytest.raises(error) as raised:
        inspect_return(return_id, [inspection], actor="wh")

    assert raised.value.field == field
    assert db_state() == before


def test_a_return_cannot_be_inspected_before_it_arrives_nor_twice(delivered) -> None:
    return_id = create_return(rma(delivered, (1, 1), (2, 1)), actor="cs:maria")
    with pytest.raises(IllegalTransition):
        inspect_return(return_id, [LineInspection(1, Condition.OPENED, Disposition.RESTOCK)], actor="wh")
    receive_return(return_id, "WH-NJ", actor="wh")
    inspect_return(return_id, [LineInspection(1, Condition.OPENED, Disposition.RESTOCK)], actor="wh")

    with pytest.raises(IllegalTransition):
        inspect_return(return_id, [LineInspection(1, Condition.OPENED, Disposition.RESTOCK)], actor="wh")


def test_a_cancelled_return_frees_its_units_for_another(delivered) -> None:
    first = create_return(rma(delivered, (1, 2)), actor="cs:maria")

    cancel_return(first, reason="customer kept them", actor="cs:maria")

    assert get_return(first).status == "cancelled"
    assert create_return(rma(delivered, (1, 2)), actor="cs:maria")
