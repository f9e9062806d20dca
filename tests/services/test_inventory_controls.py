"""Inventory controls applied where it matters: the availability a channel is shown and the stock an
order is allocated from. Both go through domain/availability.py, so they always agree."""

from __future__ import annotations

import pytest

from crossdock.db import locks
from crossdock.db.models import Product
from crossdock.domain.errors import InsufficientStock
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.availability import get_availability
from crossdock.services.inventory.blocks import block_stock
from crossdock.services.inventory.channel_controls import BufferSetting, ChannelControls, ThresholdSetting
from crossdock.services.inventory.channel_controls import set_channel_controls as set_controls
from crossdock.services.inventory.safety_stock import SafetyRule, set_safety_stock_rules
from crossdock.services.orders.queries import get_order

SHIP = DeliveryMethod.SHIP
RUNNER = "RETRO-RUNNER-42"


def _web(**settings: object) -> None:
    set_controls(ChannelControls(channel="web", location_types=["warehouse", "store"], **settings))  # type: ignore[arg-type]


def _channel_available(sku: str = RUNNER, channel: str = "web") -> int | None:
    [figures] = get_availability([sku], channel=channel)
    return figures.channel_available


def test_the_web_sees_store_stock_less_its_buffer_and_cannot_order_more(stock, place, position) -> None:
    # given 3 runners in Manhattan and a web buffer of 2 at stores
    stock("ST-MAN", RUNNER, 3)
    _web(buffers=[BufferSetting(units=2, location_type="store")])

    # then the web sees 1, an order of 2 is refused and an order of 1 is taken
    assert _channel_available() == 1
    assert _channel_available(channel="store") == 3
    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 2, SHIP))
    order = get_order(place(RequestedLine(RUNNER, 1, SHIP)))
    assert [(f.location, f.lines[0].quantity) for f in order.fulfilments] == [("ST-MAN", 1)]
    assert position("ST-MAN", RUNNER).reserved == 1
    assert _channel_available() == 0


def test_a_location_buffer_beats_the_location_type_buffer(stock, place) -> None:
    stock("ST-MAN", RUNNER, 3)
    stock("ST-BKN", RUNNER, 3)
    _web(buffers=[BufferSetting(units=2, location_type="store"), BufferSetting(units=0, location="ST-BKN")])

    assert _channel_available() == 1 + 3


def test_a_blocked_position_is_never_allocated(stock, place, position) -> None:
    stock("ST-MAN", RUNNER, 5)
    stock("WH-NJ", RUNNER, 5)
    block_stock(location="ST-MAN", sku=RUNNER, reason="water damage", actor="ops")

    order = get_order(place(RequestedLine(RUNNER, 2, SHIP)))

    assert [f.location for f in order.fulfilments] == ["WH-NJ"]
    assert position("ST-MAN", RUNNER).reserved == 0
    assert _channel_available() == 3  # Newark's 5 less the 2 just reserved; Manhattan's 5 are blocked


def test_a_blocked_location_sells_nothing_even_for_pickup(stock, place) -> None:
    stock("ST-BKN", RUNNER, 5)
    block_stock(location="ST-BKN", sku=None, reason="stocktake", actor="ops")

    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, DeliveryMethod.PICKUP, "ST-BKN"), shipping_address=None)
    assert _channel_available(channel="store") == 0


def test_an_excluded_location_is_skipped_and_an_included_one_counts(stock, place) -> None:
    # given the web sells from warehouses only, but includes Brooklyn and excludes Newark
    stock("WH-NJ", RUNNER, 5)
    stock("ST-MAN", RUNNER, 5)
    stock("ST-BKN", RUNNER, 2)
    set_controls(ChannelControls(channel="web", location_types=["warehouse"], include=["ST-BKN"], exclude=["WH-NJ"]))

    # then only Brooklyn's 2 count, and an order ships from there
    [runner] = get_availability([RUNNER], channel="web")
    assert [(a.location, a.counts_for_channel) for a in runner.locations] == [
        ("ST-BKN", True),
        ("ST-MAN", False),
        ("WH-NJ", False),
    ]
    assert runner.channel_available == 2
    order = get_order(place(RequestedLine(RUNNER, 2, SHIP)))
    assert [f.location for f in order.fulfilments] == ["ST-BKN"]
    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, SHIP))


def test_below_the_threshold_the_web_sells_none_while_stores_still_sell(stock, place) -> None:
    stock("WH-NJ", RUNNER, 4)
    _web(thresholds=[ThresholdSetting(min_units=5, sku=RUNNER)])

    assert _channel_available() == 0
    with pytest.raises(InsufficientStock):
        place(RequestedLine(RUNNER, 1, SHIP))
    assert _channel_available(channel="store") == 4


def test_at_the_threshold_the_web_sells_down_to_zero(stock, place, position) -> None:
    stock("WH-NJ", RUNNER, 5)
    _web(thresholds=[ThresholdSetting(min_units=5)])

    place(RequestedLine(RUNNER, 1, SHIP))

    assert position("WH-NJ", RUNNER).reserved == 1
    assert _channel_available() == 0


def test_a_category_safety_stock_rule_holds_units_back_from_every_channel(stock, place, products) -> None:
    Product.objects.filter(sku=RUNNER).update(category="shoes")
    stock("ST-MAN", RUNNER, 3)
    stock("WH-NJ", RUNNER, 3, safety_stock=1)
    set_safety_stock_rules(
        [
            SafetyRule(quantity=2, location_type="store", category="shoes"),
            SafetyRule(quantity=9, location_type="warehouse"),
        ]
    )

    [runner] = get_availability([RUNNER], channel="store")

    # the store rule leaves 1 in Manhattan; Newark's own safety stock (1) beats the warehouse rule
    assert [(a.location, a.safety_stock, a.available) for a in runner.locations] == [("ST-MAN", 2, 1), ("WH-NJ", 1, 2)]
    assert runner.channel_available == 3
    with pytest.raises(InsufficientStock):  # 1 here + 2 shipped to the store from Newark (ship to store) < 4
        place(RequestedLine(RUNNER, 4, DeliveryMethod.PICKUP, "ST-MAN"), shipping_address=None)


def test_the_conditional_reservation_keeps_the_holdback_even_against_a_stale_read(stock) -> None:
    # a reservation computed from an older read cannot eat into the buffer: the UPDATE re-checks it
    position = stock("ST-MAN", RUNNER, 3)

    assert locks.reserve_if_available(position.pk, 2, holdback=2) is False
    assert locks.reserve_if_available(position.pk, 1, holdback=2) is True
    position.refresh_from_db()
    assert position.reserved == 1
