"""place_order: capture, allocate, reserve and record an order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.db.models import Channel, Customer, Location, Order, OutboxMessage, Product, Reservation
from crossdock.domain.errors import (
    AddressRequired,
    CapabilityMissing,
    DuplicateLine,
    IdempotencyConflict,
    InsufficientStock,
    InvalidInput,
    UnknownChannel,
    UnknownLocation,
    UnknownSku,
)
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.orders.queries import get_order

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT


def test_a_shipped_order_is_split_over_the_fewest_locations_when_none_has_everything(stock, position, place) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 2)
    stock("WH-NJ", "TRAIL-JACKET-M", 1)

    order = get_order(place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("TRAIL-JACKET-M", 1, SHIP)))

    assert [
        (f.location, f.delivery_method, f.status, [(fl.sku, fl.quantity) for fl in f.lines]) for f in order.fulfilments
    ] == [
        ("ST-MAN", "ship", "assigned", [("RETRO-RUNNER-42", 2)]),
        ("WH-NJ", "ship", "assigned", [("TRAIL-JACKET-M", 1)]),
    ]
    assert [(line.line_number, line.status, line.unallocated_quantity) for line in order.lines] == [
        (1, "allocated", 0),
        (2, "allocated", 0),
    ]
    assert order.status == "placed"
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 2
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 1
    assert [e.type for e in order.timeline] == ["OrderPlaced", "OrderRouted", "FulfilmentCreated", "FulfilmentCreated"]


def test_placing_an_order_records_its_lines_prices_total_and_address(stock, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "WOOL-BEANIE", 5)

    order = get_order(place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("WOOL-BEANIE", 3, SHIP)))

    assert [
        (line.sku, line.quantity, line.unit_price, line.delivery_method, line.location) for line in order.lines
    ] == [
        ("RETRO-RUNNER-42", 2, Decimal("89.90"), "ship", None),
        ("WOOL-BEANIE", 3, Decimal("19.50"), "ship", None),
    ]
    assert order.total == Decimal("238.30")
    assert order.currency == "USD"
    assert order.channel == "web"
    assert order.shipping_address == {
        "name": "Ada Lovelace",
        "line1": "1 Main St",
        "line2": "",
        "city": "New York",
        "postcode": "10001",
        "country": "US",
        "latitude": 40.7506,
        "longitude": -73.9971,
    }
    assert order.timeline[0].data == {"lines": 2, "total": "238.30"}
    assert order.timeline[0].actor == "test"


def test_a_price_sold_at_overrides_the_catalogue_price(stock, channels, nyc_address) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 5)
    request = OrderRequest(
        channel="web",
        channel_order_id="W-SALE-7",
        shipping_address=nyc_address,
        lines=[PricedLine(RequestedLine("TRAIL-JACKET-M", 2, SHIP), unit_price=Decimal("99.00"))],
    )

    order = get_order(place_order(request, actor="test").order_id)

    assert order.lines[0].unit_price == Decimal("99.00")
    assert order.total == Decimal("198.00")


def test_a_pickup_order_is_reserved_at_the_pickup_store(stock, position, place) -> None:
    stock("ST-BKN", "RETRO-RUNNER-42", 3)
    stock("ST-MAN", "RETRO-RUNNER-42", 9)

    order = get_order(place(RequestedLine("RETRO-RUNNER-42", 1, PICKUP, "ST-BKN"), shipping_address=None))

    assert [(f.location, f.delivery_method, f.status) for f in order.fulfilments] == [("ST-BKN", "pickup", "assigned")]
    assert [(line.location, line.status) for line in order.lines] == [("ST-BKN", "allocated")]
    assert position("ST-BKN", "RETRO-RUNNER-42").reserved == 1
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0
    assert order.status == "placed"


def test_a_carry_out_sale_takes_the_stock_off_the_shelf_and_completes_the_order(stock, position, place) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 4)

    order = get_order(place(RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "ST-MAN"), shipping_address=None))

    assert order.status == "completed"
    assert [(line.status, line.unallocated_quantity) for line in order.lines] == [("fulfilled", 0)]
    assert [(f.location, f.delivery_method, f.status) for f in order.fulfilments] == [
        ("ST-MAN", "carry_out", "collected")
    ]
    beanies = position("ST-MAN", "WOOL-BEANIE")
    assert (beanies.on_hand, beanies.reserved) == (3, 0)
    assert Reservation.objects.count() == 0
    assert [e.type for e in order.timeline] == ["OrderPlaced", "FulfilmentCreated", "CarriedOut"]
    assert order.timeline[-1].data == {"fulfilment_id": order.fulfilments[0].id, "location": "ST-MAN", "lines": [1]}


def test_a_carry_out_line_next_to_a_shipped_line_leaves_the_order_open(stock, position, place) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 4)
    stock("WH-NJ", "TRAIL-JACKET-M", 2)

    order = get_order(
        place(RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "ST-MAN"), RequestedLine("TRAIL-JACKET-M", 1, SHIP))
    )

    assert order.status == "placed"
    assert [line.status for line in order.lines] == ["fulfilled", "allocated"]
    assert [(f.location, f.status) for f in order.fulfilments] == [("ST-MAN", "collected"), ("WH-NJ", "assigned")]
    assert position("ST-MAN", "WOOL-BEANIE").on_hand == 3
    assert position("WH-NJ", "TRAIL-JACKET-M").reserved == 1


def test_safety_stock_is_never_promised(stock, position, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5, safety_stock=4)

    with pytest.raises(InsufficientStock):
        place(RequestedLine("RETRO-RUNNER-42", 2, SHIP))

    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0


def test_a_channel_only_ships_from_the_location_types_it_counts(stock, position, place, network) -> None:
    Channel.objects.create(code="marketplace", name="Marketplace", location_types=["warehouse"])
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "RETRO-RUNNER-42", 5)

    order = get_order(place(RequestedLine("RETRO-RUNNER-42", 1, SHIP), channel="marketplace"))

    assert [f.location for f in order.fulfilments] == ["WH-NJ"]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 0


def test_an_inactive_location_is_never_shipped_from(stock, position, place, network) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 5)
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    Location.objects.filter(code="ST-MAN").update(active=False)

    order = get_order(place(RequestedLine("RETRO-RUNNER-42", 1, SHIP)))

    assert [f.location for f in order.fulfilments] == ["WH-NJ"]


def test_with_allow_unallocated_a_line_without_stock_is_accepted_unallocated(stock, position, place) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 1)

    order = get_order(
        place(RequestedLine("RETRO-RUNNER-42", 3, SHIP), RequestedLine("WOOL-BEANIE", 2, SHIP), allow_unallocated=True)
    )

    assert [(line.sku, line.status, line.unallocated_quantity) for line in order.lines] == [
        ("RETRO-RUNNER-42", "unallocated", 2),
        ("WOOL-BEANIE", "unallocated", 2),
    ]
    assert [(f.location, [(fl.sku, fl.quantity) for fl in f.lines]) for f in order.fulfilments] == [
        ("ST-MAN", [("RETRO-RUNNER-42", 1)])
    ]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 1
    assert order.status == "placed"
    assert [(e.type, e.data) for e in order.timeline][-1] == ("LinesUnallocated", {"lines": {"1": 2, "2": 2}})


def test_insufficient_stock_refuses_the_order_and_writes_nothing(stock, place, db_state) -> None:
    stock("ST-MAN", "RETRO-RUNNER-42", 2)
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(InsufficientStock) as raised:
        place(
            RequestedLine("WOOL-BEANIE", 1, SHIP),
            RequestedLine("RETRO-RUNNER-42", 3, SHIP),
            customer=CustomerDetails(external_id="C-ADA-7", email="ada@example.com"),
        )

    assert raised.value.field == "lines[1].quantity"
    assert raised.value.message == "1 of 3 × RETRO-RUNNER-42 cannot be reserved"
    assert db_state() == before
    assert Customer.objects.filter(external_id="C-ADA-7").exists() is False


def test_the_same_idempotency_key_twice_places_one_order(stock, position, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    line = RequestedLine("RETRO-RUNNER-42", 2, SHIP)

    first = place(line, channel_order_id="W-2001", idempotency_key="retry-8f1c")
    second = place(line, channel_order_id="W-2001", idempotency_key="retry-8f1c")

    assert second == first
    assert Order.objects.count() == 1
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 2
    assert OutboxMessage.objects.filter(topic="order.placed").count() == 1


def test_a_repeat_reports_that_it_created_nothing(stock, channels, nyc_address) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    request = OrderRequest(
        channel="web",
        channel_order_id="W-2002",
        shipping_address=nyc_address,
        lines=[PricedLine(RequestedLine("RETRO-RUNNER-42", 1, SHIP))],
    )

    first = place_order(request, actor="test", idempotency_key="key-2002")
    second = place_order(request, actor="test", idempotency_key="key-2002")

    assert (first.created, second.created, second.order_id) == (True, False, first.order_id)


def test_the_same_channel_order_id_twice_places_one_order(stock, position, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    line = RequestedLine("RETRO-RUNNER-42", 2, SHIP)

    first = place(line, channel_order_id="W-3001")
    second = place(line, channel_order_id="W-3001", idempotency_key="a-new-key")

    assert second == first
    assert Order.objects.count() == 1
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 2


def test_a_reused_channel_order_id_with_different_content_is_a_conflict_and_writes_nothing(
    stock, place, db_state
) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), channel_order_id="W-4001")
    before = db_state()

    with pytest.raises(IdempotencyConflict) as raised:
        place(RequestedLine("RETRO-RUNNER-42", 3, SHIP), channel_order_id="W-4001")

    assert raised.value.field == "channel_order_id"
    assert db_state() == before


def test_a_reused_idempotency_key_with_different_content_is_a_conflict_and_writes_nothing(
    stock, place, db_state
) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), channel_order_id="W-5001", idempotency_key="key-5001")
    before = db_state()

    with pytest.raises(IdempotencyConflict) as raised:
        place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), channel_order_id="W-5002", idempotency_key="key-5001")

    assert raised.value.field == "Idempotency-Key"
    assert db_state() == before


def test_the_same_channel_order_id_on_another_channel_is_another_order(stock, place) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    line = RequestedLine("RETRO-RUNNER-42", 1, SHIP)

    web = place(line, channel="web", channel_order_id="X-1")
    store = place(line, channel="store", channel_order_id="X-1")

    assert web != store
    assert Order.objects.count() == 2


def test_a_new_customer_is_created_and_a_known_one_is_reused(stock, place) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    ada = CustomerDetails(external_id="C-ADA-7", email="ada@example.com", name="Ada Lovelace", phone="+1 212 555 0100")

    first = get_order(place(RequestedLine("WOOL-BEANIE", 1, SHIP), customer=ada))
    second = get_order(place(RequestedLine("WOOL-BEANIE", 2, SHIP), customer=ada))

    customer = Customer.objects.get()
    assert (customer.external_id, customer.email, customer.name, customer.phone) == (
        "C-ADA-7",
        "ada@example.com",
        "Ada Lovelace",
        "+1 212 555 0100",
    )
    assert (first.customer_id, second.customer_id) == ("C-ADA-7", "C-ADA-7")
    assert first.customer_email == "ada@example.com"


def test_an_order_without_a_customer_id_creates_no_customer(stock, place) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)

    order = get_order(place(RequestedLine("WOOL-BEANIE", 1, SHIP), customer=CustomerDetails(email="guest@example.com")))

    assert order.customer_id is None
    assert order.customer_email == "guest@example.com"
    assert Customer.objects.count() == 0


def test_placing_an_order_writes_one_outbox_message(stock, place) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)

    order_id = place(RequestedLine("WOOL-BEANIE", 1, SHIP), channel_order_id="W-6001")

    message = OutboxMessage.objects.get()
    assert (message.topic, message.aggregate_type, message.aggregate_id, message.published_at) == (
        "order.placed",
        "order",
        str(order_id),
        None,
    )
    assert message.payload == {"order_id": order_id, "channel": "web", "channel_order_id": "W-6001"}


def test_an_unknown_sku_is_refused_at_its_line_and_writes_nothing(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(UnknownSku) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, SHIP), RequestedLine("MOON-BOOT-99", 1, SHIP))

    assert raised.value.field == "lines[1].sku"
    assert db_state() == before


def test_an_inactive_product_is_an_unknown_sku(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    Product.objects.filter(sku="WOOL-BEANIE").update(active=False)
    before = db_state()

    with pytest.raises(UnknownSku):
        place(RequestedLine("WOOL-BEANIE", 1, SHIP))

    assert db_state() == before


def test_an_unknown_pickup_store_is_refused_and_writes_nothing(stock, place, db_state) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(UnknownLocation) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-ATLANTIS"))

    assert raised.value.field == "lines[0].location"
    assert db_state() == before


def test_pickup_at_a_store_without_pickup_is_refused_and_writes_nothing(stock, place, db_state) -> None:
    stock("ST-CHI", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(CapabilityMissing) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-CHI"))

    assert raised.value.field == "lines[0].location"
    assert raised.value.message == "ST-CHI does not offer pickup"
    assert db_state() == before


def test_carry_out_at_a_warehouse_is_refused(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(CapabilityMissing) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, CARRY_OUT, "WH-NJ"))

    assert raised.value.field == "lines[0].location"
    assert db_state() == before


def test_an_unknown_channel_is_refused(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(UnknownChannel) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, SHIP), channel="carrier-pigeon")

    assert raised.value.field == "channel"
    assert db_state() == before


def test_duplicate_lines_are_refused(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(DuplicateLine) as raised:
        place(RequestedLine("WOOL-BEANIE", 1, SHIP), RequestedLine("WOOL-BEANIE", 1, SHIP))

    assert raised.value.field == "lines[1].sku"
    assert db_state() == before


def test_a_shipped_line_without_an_address_is_refused(stock, place, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()

    with pytest.raises(AddressRequired):
        place(RequestedLine("WOOL-BEANIE", 1, SHIP), shipping_address=None)

    assert db_state() == before


def test_an_order_in_another_currency_than_the_catalogue_is_refused(stock, channels, nyc_address, db_state) -> None:
    stock("WH-NJ", "WOOL-BEANIE", 5)
    before = db_state()
    request = OrderRequest(
        channel="web",
        channel_order_id="W-EUR-1",
        currency="EUR",
        shipping_address=nyc_address,
        lines=[PricedLine(RequestedLine("WOOL-BEANIE", 1, SHIP))],
    )

    with pytest.raises(InvalidInput) as raised:
        place_order(request, actor="test")

    assert raised.value.field == "currency"
    assert db_state() == before
