"""Pre-orders: inside a SKU's window and up to its cap, lines reserve against supply (never on-hand),
with the supply's date as promise; received supply is allocated to them first come first served."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crossdock.db.models import WaitingLine
from crossdock.domain.errors import DomainError, InsufficientSupply, PreorderCapReached, PreorderClosed
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.supply import SupplyKind
from crossdock.services import clock
from crossdock.services.inventory.network import network_picture
from crossdock.services.orders.queries import get_order
from crossdock.services.supply.create_supply import SupplyRequest, create_supply
from crossdock.services.supply.receive_supply import receive_supply
from crossdock.services.waiting.release import release_waiting_lines
from crossdock.services.waiting.settings import Policy, list_preorder_windows, open_preorder_window, set_channel_policy

SHIP = DeliveryMethod.SHIP
JACKET = "TRAIL-JACKET-M"
LAUNCH = date(2031, 9, 1)


@pytest.fixture
def launch(network, products) -> int:
    """The jacket is on pre-order for a week, 8 units at most; 10 are due at Newark on launch day."""
    now = clock.now()
    open_preorder_window(JACKET, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=6), cap=8)
    return create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-LAUNCH", "WH-NJ", [(JACKET, 10)], eta=LAUNCH))


def _preorder(place, quantity: int, **kwargs: object) -> int:  # type: ignore[no-untyped-def]
    return place(RequestedLine(JACKET, quantity, SHIP, preorder=True), **kwargs)  # type: ignore[no-any-return]


def test_a_preorder_reserves_supply_never_on_hand(launch, stock, place, position) -> None:
    stock("WH-NJ", JACKET, 5)

    order = get_order(_preorder(place, 3))

    assert [(line.status, line.unallocated_quantity, line.promised_on) for line in order.lines] == [
        ("preordered", 3, LAUNCH)
    ]
    assert position("WH-NJ", JACKET).reserved == 0
    assert list(WaitingLine.objects.values_list("kind", "quantity", "promise_date", "supply_line__supply_id")) == [
        ("preorder", 3, LAUNCH, launch)
    ]
    [event] = [e for e in order.timeline if e.type == "LinesPreordered"]
    assert event.data == {"lines": {"1": {"quantity": 3, "promise_date": "2031-09-01"}}}
    assert [w.preordered for w in list_preorder_windows(JACKET)] == [3]


def test_received_supply_goes_to_the_preorders_first_come_first_served(launch, place, position) -> None:
    first = _preorder(place, 5)
    second = _preorder(place, 3)
    receive_supply(launch, "DN-1", [(JACKET, 6)], actor="wms")

    assert release_waiting_lines(clock.now()) == 6

    assert get_order(first).lines[0].unallocated_quantity == 0
    assert get_order(second).lines[0].unallocated_quantity == 2
    assert position("WH-NJ", JACKET).reserved == 6


@pytest.mark.parametrize(
    ("quantity", "window", "error", "field"),
    [
        (9, "open", PreorderCapReached, "lines[0].quantity"),
        (1, "closed", PreorderClosed, "lines[0].quantity"),
        (1, "none", PreorderClosed, "lines[0].preorder"),
    ],
)
def test_a_preorder_outside_its_window_or_above_its_cap_is_refused_and_writes_nothing(
    network, products, place, db_state, quantity: int, window: str, error: type[DomainError], field: str
) -> None:
    now = clock.now()
    if window != "none":
        starts = now - timedelta(days=1) if window == "open" else now + timedelta(days=2)
        open_preorder_window(JACKET, starts_at=starts, ends_at=starts + timedelta(days=7), cap=8)
    create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-L", "WH-NJ", [(JACKET, 20)], eta=LAUNCH))
    before = db_state()

    with pytest.raises(error) as refused:
        _preorder(place, quantity)

    assert refused.value.field == field
    assert db_state() == before


def test_the_cap_counts_every_preorder_of_the_window(launch, place, db_state) -> None:
    _preorder(place, 5)
    before = db_state()

    with pytest.raises(PreorderCapReached):
        _preorder(place, 4)

    assert db_state() == before
    assert WaitingLine.objects.count() == 1


def test_a_preorder_needs_free_supply(network, products, place, db_state) -> None:
    now = clock.now()
    open_preorder_window(JACKET, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1), cap=100)
    create_supply(SupplyRequest(SupplyKind.PURCHASE_ORDER, "PO-S", "WH-NJ", [(JACKET, 2)], eta=LAUNCH))
    before = db_state()

    with pytest.raises(InsufficientSupply):
        _preorder(place, 3)

    assert db_state() == before


def test_a_channel_may_refuse_preorders(launch, place) -> None:
    set_channel_policy(Policy("web", allow_backorders=False, allow_preorders=False))

    with pytest.raises(PreorderClosed):
        _preorder(place, 1)


def test_the_network_shows_what_is_left_to_preorder(launch, place) -> None:
    _preorder(place, 5)

    picture = network_picture(JACKET)

    assert (picture.on_order, picture.in_transit, picture.preorderable) == (10, 0, 3)
