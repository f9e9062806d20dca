"""Supply that will not come, or comes later: cancelling a supply or units of a line, and a new ETA. The
waiting lines promised from it are promised again from what still comes, and their orders hear of it."""

from __future__ import annotations

from datetime import date

import pytest

from crossdock.db.models import OrderEvent, OutboxMessage, Supply, WaitingLine
from crossdock.domain.errors import IllegalTransition, InvalidInput, NotFound
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.cancel_supply import cancel_supply, cancel_supply_line
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.dispatch_supply import dispatch_supply
from crossdock.services.supply.queries import get_supply
from crossdock.services.supply.receive_supply import receive_supply
from crossdock.services.supply.update_eta import set_supply_eta
from crossdock.services.waiting.settings import Policy, set_backorderable, set_channel_policy

SHIP = DeliveryMethod.SHIP
RUNNER = "RETRO-RUNNER-42"
JULY_1, AUGUST_1, AUGUST_15 = date(2031, 7, 1), date(2031, 8, 1), date(2031, 8, 15)


@pytest.fixture
def backorders(network, products) -> None:
    set_channel_policy(Policy("web", allow_backorders=True, allow_preorders=True))
    set_backorderable([RUNNER], [])


def _po(reference: str, quantity: int, eta: date | None) -> int:
    return create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, reference, "WH-NJ", [(RUNNER, quantity)], eta=eta))


def _promise(order_id: int) -> tuple[str, date | None]:
    [line] = get_order(order_id).lines
    return line.status, line.promised_on


def _news(order_id: int) -> list[dict[str, object]]:
    return list(OrderEvent.objects.filter(order_id=order_id, type="PromiseChanged").values_list("data", flat=True))


def test_a_cancelled_purchase_order_hands_its_promises_to_the_next_supply(backorders, place) -> None:
    first = _po("PO-1", 3, JULY_1)
    _po("PO-2", 5, AUGUST_1)
    order_id = place(RequestedLine(RUNNER, 3, SHIP))
    assert _promise(order_id) == ("backordered", JULY_1)

    cancel_supply(first, reason="supplier out of business", actor="buyer")

    assert get_supply(first).status == "cancelled"
    assert [(line.cancelled, line.open) for line in get_supply(first).lines] == [(3, 0)]
    assert _promise(order_id) == ("backordered", AUGUST_1)
    assert _news(order_id) == [{"lines": {"1": {"promise_date": "2031-08-01"}}}]
    assert OutboxMessage.objects.filter(topic="order.promise_changed", aggregate_id=str(order_id)).count() == 1


def test_units_the_other_supply_cannot_cover_wait_without_a_date(backorders, place) -> None:
    first = _po("PO-1", 3, JULY_1)
    _po("PO-2", 4, AUGUST_1)
    early = place(RequestedLine(RUNNER, 3, SHIP))  # from PO-1
    late = place(RequestedLine(RUNNER, 2, SHIP))  # from PO-2, which keeps 2 free

    cancel_supply(first, reason="", actor="buyer")

    assert _promise(early) == ("backordered", None)
    assert sorted(
        WaitingLine.objects.filter(order_line__order_id=early).values_list("quantity", "supply_line__supply__reference")
    ) == [(1, None), (2, "PO-2")]
    assert _promise(late) == ("backordered", AUGUST_1)
    assert _news(late) == []


def test_cancelling_some_units_of_a_line_takes_them_from_the_last_served(backorders, place) -> None:
    supply_id = _po("PO-1", 5, JULY_1)
    first = place(RequestedLine(RUNNER, 3, SHIP))
    second = place(RequestedLine(RUNNER, 2, SHIP))

    cancel_supply_line(supply_id, RUNNER, 2, reason="short shipment announced", actor="buyer")

    assert [(line.quantity, line.cancelled, line.open) for line in get_supply(supply_id).lines] == [(5, 2, 3)]
    assert get_supply(supply_id).status == "open"
    assert (_promise(first), _promise(second)) == (("backordered", JULY_1), ("backordered", None))
    assert (_news(first), len(_news(second))) == ([], 1)


def test_a_partly_received_purchase_order_cancelled_keeps_what_came(backorders, position) -> None:
    supply_id = _po("PO-1", 10, JULY_1)
    receive_supply(supply_id, "DN-1", [(RUNNER, 4)], actor="wms")

    cancel_supply(supply_id, reason="rest not coming", actor="buyer")

    supply = get_supply(supply_id)
    assert (supply.status, [(line.received, line.cancelled, line.open) for line in supply.lines]) == (
        "received",
        [(4, 6, 0)],
    )
    assert position("WH-NJ", RUNNER).on_hand == 4


def test_a_new_eta_moves_the_promises_once(backorders, place) -> None:
    supply_id = _po("PO-1", 5, JULY_1)
    order_id = place(RequestedLine(RUNNER, 2, SHIP))

    set_supply_eta(supply_id, AUGUST_15, actor="buyer")
    set_supply_eta(supply_id, AUGUST_15, actor="buyer")

    assert get_supply(supply_id).eta == AUGUST_15
    assert _promise(order_id) == ("backordered", AUGUST_15)
    assert _news(order_id) == [{"lines": {"1": {"promise_date": "2031-08-15"}}}]


def test_an_unknown_eta_leaves_the_promise_without_a_date(backorders, place) -> None:
    supply_id = _po("PO-1", 5, JULY_1)
    order_id = place(RequestedLine(RUNNER, 2, SHIP))

    set_supply_eta(supply_id, None, actor="buyer")

    assert _promise(order_id) == ("backordered", None)


def _etas() -> list[tuple[int, date | None]]:
    return sorted(Supply.objects.values_list("id", "eta"))


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        (lambda s: cancel_supply(s + 99, reason="", actor="buyer"), NotFound, "supply_id"),
        (lambda s: cancel_supply_line(s, "WOOL-BEANIE", None, reason="", actor="buyer"), NotFound, "sku"),
        (lambda s: cancel_supply_line(s, RUNNER, 6, reason="", actor="buyer"), InvalidInput, "quantity"),
        (lambda s: cancel_supply_line(s, RUNNER, 0, reason="", actor="buyer"), InvalidInput, "quantity"),
        (lambda s: set_supply_eta(s + 99, JULY_1, actor="buyer"), NotFound, "supply_id"),
    ],
)
def test_bad_changes_are_refused_and_write_nothing(backorders, place, db_state, change, error, field) -> None:
    supply_id = _po("PO-1", 5, JULY_1)
    place(RequestedLine(RUNNER, 2, SHIP))
    before, etas = db_state(), _etas()

    with pytest.raises(error) as refused:
        change(supply_id)

    assert refused.value.field == field
    assert (db_state(), _etas()) == (before, etas)


def test_supply_on_its_way_or_done_cannot_be_cancelled(backorders, db_state) -> None:
    on_its_way, done = _po("PO-1", 5, JULY_1), _po("PO-2", 5, JULY_1)
    dispatch_supply(on_its_way)
    receive_supply(done, "DN-1", [(RUNNER, 5)], actor="wms")
    before, etas = db_state(), _etas()

    for supply_id in (on_its_way, done):
        with pytest.raises(IllegalTransition):
            cancel_supply(supply_id, reason="", actor="buyer")
    with pytest.raises(IllegalTransition):
        set_supply_eta(done, AUGUST_1, actor="buyer")

    assert (db_state(), _etas()) == (before, etas)
