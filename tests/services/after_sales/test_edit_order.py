"""Edits before fulfilment starts: reservations follow exactly; refused once picking has started."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import FulfilmentOrder, OutboxMessage, PaymentPolicy, Reservation
from crossdock.domain.edits import EditRefused, LineChange
from crossdock.domain.errors import InsufficientStock, InvalidInput, UnknownSku
from crossdock.domain.holds import HoldKind
from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services.holds.place_hold import hold_order
from crossdock.services.orders.commands import PaymentDetails, PricedLine
from crossdock.services.orders.edits.commands import OrderEdit
from crossdock.services.orders.edits.edit_order import edit_order
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.orders.queries import get_order
from crossdock.services.payments.queries import get_payments

BROOKLYN = Address(
    name="Ada Lovelace", line1="9 Flatbush Ave", city="Brooklyn", postcode="11217", country="US",
    latitude=40.6845, longitude=-73.9780,
)  # fmt: skip


def reservations(order_id: int) -> list[tuple[int, str, int]]:
    return sorted(
        Reservation.objects.filter(order_line__order_id=order_id).values_list(
            "order_line__line_number", "position__location__code", "quantity"
        )
    )


def edit(order_id: int, **changes: object) -> None:
    edit_order(order_id, OrderEdit(reason="customer called", **changes), actor="cs:maria")  # type: ignore[arg-type]


def test_a_new_quantity_moves_the_reservation_exactly(stock, order_of, position) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 10)
    order_id = order_of(("TRAIL-JACKET-M", 2))

    edit(order_id, changes=[LineChange(1, quantity=5)])

    assert reservations(order_id) == [(1, "WH-NJ", 5)]
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 5
    order = get_order(order_id)
    assert (order.lines[0].quantity, order.total) == (5, Decimal("745.00"))
    assert [(f.location, f.status, [(fl.line_number, fl.quantity) for fl in f.lines]) for f in order.fulfilments] == [
        ("WH-NJ", "assigned", [(1, 5)])
    ]
    event, routed = order.timeline[-2:]
    assert (event.type, event.reason, event.data["changed"], event.data["total_after"]) == (
        "OrderEdited",
        "customer called",
        [1],
        "745.00",
    )
    assert (routed.type, routed.reason, routed.data["locations"]) == ("OrderRouted", "edited", ["WH-NJ"])
    assert OutboxMessage.objects.filter(topic="order.edited").count() == 1


def test_lowering_a_quantity_gives_the_units_back(stock, order_of, position) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 10)
    order_id = order_of(("TRAIL-JACKET-M", 4))

    edit(order_id, changes=[LineChange(1, quantity=1)])

    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 1


def test_adding_and_removing_lines_reserves_and_releases_and_shares_the_discount_again(
    plenty, order_of, position
) -> None:
    order_id = order_of(("RETRO-RUNNER-42", 1), ("WOOL-BEANIE", 2), discount="10.00")

    edit(order_id, add=[PricedLine(RequestedLine("TRAIL-JACKET-M", 1, DeliveryMethod.SHIP))], remove=[2])

    order = get_order(order_id)
    assert [(line.line_number, line.sku, line.status, line.discount) for line in order.lines] == [
        (1, "RETRO-RUNNER-42", "allocated", Decimal("3.76")),
        (2, "WOOL-BEANIE", "cancelled", Decimal("3.03")),  # its share when cancelled; it costs nothing now
        (3, "TRAIL-JACKET-M", "allocated", Decimal("6.24")),
    ]
    assert order.total == Decimal("228.90")
    assert reservations(order_id) == [(1, "WH-NJ", 1), (3, "WH-NJ", 1)]
    assert position("WH-NJ", "WOOL-BEANIE").reserved == 0


def test_a_new_address_sends_the_shipped_lines_to_the_nearest_location_again(stock, order_of) -> None:
    stock("ST-MAN", "TRAIL-JACKET-M", 2)
    stock("ST-BKN", "TRAIL-JACKET-M", 2)
    order_id = order_of(("TRAIL-JACKET-M", 1))
    assert reservations(order_id) == [(1, "ST-MAN", 1)]

    edit(order_id, shipping_address=BROOKLYN)

    assert reservations(order_id) == [(1, "ST-BKN", 1)]
    order = get_order(order_id)
    assert order.shipping_address["city"] == "Brooklyn"  # type: ignore[index]
    assert [(f.location, f.status) for f in order.fulfilments] == [("ST-MAN", "cancelled"), ("ST-BKN", "assigned")]


def test_a_new_delivery_method_moves_the_line_to_the_pickup_store(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))

    edit(order_id, changes=[LineChange(1, delivery_method=DeliveryMethod.PICKUP, location="ST-BKN")])

    assert reservations(order_id) == [(1, "ST-BKN", 1)]
    assert get_order(order_id).lines[0].location == "ST-BKN"


def test_an_edit_is_refused_once_picking_has_started_and_changes_nothing(plenty, order_of, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    FulfilmentOrder.objects.filter(order_id=order_id).update(status="picking")
    before = db_state()

    with pytest.raises(EditRefused) as raised:
        edit(order_id, changes=[LineChange(1, quantity=2)])

    assert raised.value.field == "lines[0]"
    assert "is picking" in raised.value.message
    assert db_state() == before


def test_editing_a_shipped_line_is_refused(plenty, order_of, ship_all, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    ship_all(order_id)
    before = db_state()

    with pytest.raises(EditRefused) as raised:
        edit(order_id, changes=[LineChange(1, quantity=2)])

    assert (raised.value.code, raised.value.field) == ("edit_refused", "order_id")
    assert db_state() == before


def test_a_line_of_a_partly_shipped_order_that_has_shipped_cannot_change(plenty, order_of, db_state) -> None:
    order_id = order_of(("WOOL-BEANIE", 1, "pickup", "ST-BKN"), ("TRAIL-JACKET-M", 1))
    mark_fulfilment_shipped(FulfilmentOrder.objects.get(delivery_method="pickup").pk, actor="store")
    before = db_state()

    with pytest.raises(EditRefused) as raised:
        edit(order_id, changes=[LineChange(1, quantity=2)])

    assert (raised.value.field, raised.value.message) == ("lines[0]", "line 1 is fulfilled and can no longer change")
    assert db_state() == before


def test_an_edit_that_cannot_be_reserved_changes_nothing(stock, order_of, db_state) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 3)
    order_id = order_of(("TRAIL-JACKET-M", 2))
    before = db_state()

    with pytest.raises(InsufficientStock):
        edit(order_id, changes=[LineChange(1, quantity=4)])

    assert db_state() == before


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"changes": [LineChange(9, quantity=1)]}, InvalidInput, "lines[0]"),
        ({"changes": [LineChange(1, quantity=0)]}, InvalidInput, "lines[0].quantity"),
        ({"remove": [1, 1]}, InvalidInput, "remove"),
        ({"add": [PricedLine(RequestedLine("MOON-BOOT", 1, DeliveryMethod.SHIP))]}, UnknownSku, "add[0].sku"),
        ({}, InvalidInput, "lines"),
    ],
    ids=["unknown line", "zero quantity", "line removed twice", "unknown sku", "nothing to change"],
)
def test_bad_edits_are_refused_with_their_field(plenty, order_of, db_state, changes, error, field) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    before = db_state()

    with pytest.raises(error) as raised:
        edit(order_id, **changes)

    assert raised.value.field == field
    assert db_state() == before


def test_a_held_order_stays_held_after_an_edit(plenty, order_of) -> None:
    order_id = order_of(("WOOL-BEANIE", 1))
    hold_order(order_id, kind=HoldKind.MANUAL, reason="address check", actor="cs:maria")

    edit(order_id, add=[PricedLine(RequestedLine("TRAIL-JACKET-M", 1, DeliveryMethod.SHIP))])

    assert [(f.location, f.status) for f in get_order(order_id).fulfilments] == [("ST-BKN", "held"), ("WH-NJ", "held")]


def test_payment_follows_the_edit_refund_when_lower_authorise_and_capture_when_higher(
    plenty, order_of, channels
) -> None:
    PaymentPolicy.objects.create(channel=channels["web"], capture_at="placement")
    order_id = order_of(("WOOL-BEANIE", 2), payment=PaymentDetails(gateway="test"))

    edit(order_id, changes=[LineChange(1, quantity=1)])
    edit(order_id, changes=[LineChange(1, quantity=3)])

    assert [(p.kind, p.amount) for p in get_payments(order_id).payments] == [
        ("authorisation", Decimal("39.00")),
        ("capture", Decimal("39.00")),
        ("refund", Decimal("19.50")),
        ("authorisation", Decimal("39.00")),
        ("capture", Decimal("39.00")),
    ]
    assert get_order(order_id).total == Decimal("58.50")
