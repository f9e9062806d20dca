"""Configuring controls: channel locations, buffers and thresholds, safety stock, blocks; bad input writes nothing."""

from __future__ import annotations

import pytest

from crossdock.db.models import Channel, Reservation
from crossdock.domain.errors import DomainError, DuplicateLine, InvalidInput, NotFound, UnknownLocation, UnknownSku
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.blocks import block_stock, list_blocks, unblock_stock
from crossdock.services.inventory.channel_controls import (
    BufferSetting,
    ChannelControls,
    ThresholdSetting,
    get_channel_controls,
    set_channel_controls,
)
from crossdock.services.inventory.safety_stock import (
    PositionSafetyStock,
    SafetyRule,
    list_safety_stock_rules,
    set_position_safety_stock,
    set_safety_stock_rules,
)

RUNNER = "RETRO-RUNNER-42"


def test_channel_controls_are_replaced_as_a_whole(network, products) -> None:
    first = ChannelControls(
        channel="web",
        location_types=["warehouse"],
        include=["ST-BKN"],
        exclude=["WH-NJ"],
        buffers=[BufferSetting(units=2, location_type="store"), BufferSetting(units=1, location="ST-MAN")],
        thresholds=[ThresholdSetting(min_units=3), ThresholdSetting(min_units=5, sku=RUNNER)],
    )
    # most specific first: a location before a location type, a SKU before the channel-wide figure
    assert set_channel_controls(first) == ChannelControls(
        channel="web",
        location_types=["warehouse"],
        include=["ST-BKN"],
        exclude=["WH-NJ"],
        buffers=[BufferSetting(units=1, location="ST-MAN"), BufferSetting(units=2, location_type="store")],
        thresholds=[ThresholdSetting(min_units=5, sku=RUNNER), ThresholdSetting(min_units=3)],
    )

    second = set_channel_controls(ChannelControls(channel="web", location_types=[]))

    assert second == ChannelControls(channel="web", location_types=[])
    assert get_channel_controls("web") == second
    assert Channel.objects.get(code="web").location_types == []


@pytest.mark.parametrize(
    ("controls", "error", "field"),
    [
        (ChannelControls("web", ["warehouse"], include=["ST-NOWHERE"]), UnknownLocation, "include[0]"),
        (ChannelControls("web", ["warehouse"], include=["ST-MAN"], exclude=["ST-MAN"]), InvalidInput, "exclude[0]"),
        (ChannelControls("web", ["moon-base"]), InvalidInput, "location_types[0]"),
        (ChannelControls("web", [], buffers=[BufferSetting(2, "ST-MAN", "store")]), InvalidInput, "buffers[0]"),
        (
            ChannelControls("web", [], buffers=[BufferSetting(-1, location_type="store")]),
            InvalidInput,
            "buffers[0].units",
        ),
        (
            ChannelControls("web", [], buffers=[BufferSetting(1, location_type="store")] * 2),
            DuplicateLine,
            "buffers[1]",
        ),
        (
            ChannelControls("web", [], thresholds=[ThresholdSetting(1, sku="NO-SUCH-SKU")]),
            UnknownSku,
            "thresholds[0].sku",
        ),
        (
            ChannelControls("web", [], thresholds=[ThresholdSetting(1, sku=RUNNER, category="shoes")]),
            InvalidInput,
            "thresholds[0]",
        ),
        (ChannelControls("nowhere", []), NotFound, "channel"),
    ],
)
def test_bad_channel_controls_are_refused_and_change_nothing(
    network, products, db_state, controls: ChannelControls, error: type[DomainError], field: str
) -> None:
    set_channel_controls(ChannelControls("web", ["store"], buffers=[BufferSetting(4, location_type="store")]))
    before = db_state()

    with pytest.raises(error) as refused:
        set_channel_controls(controls)

    assert refused.value.field == field
    assert db_state() == before
    assert get_channel_controls("web") == ChannelControls(
        "web", ["store"], buffers=[BufferSetting(4, location_type="store")]
    )


def test_safety_stock_rules_are_replaced_as_a_whole(network) -> None:
    rules = [
        SafetyRule(quantity=3, location="ST-MAN", category="shoes"),
        SafetyRule(quantity=2, location_type="store", category="shoes"),
        SafetyRule(quantity=1, location_type="store"),
    ]

    assert set_safety_stock_rules(rules) == rules
    assert set_safety_stock_rules([]) == []
    assert list_safety_stock_rules() == []


@pytest.mark.parametrize(
    ("rule", "error", "field"),
    [
        (SafetyRule(quantity=1, location="ST-MAN"), InvalidInput, "rules[0].category"),
        (SafetyRule(quantity=1, location="ST-MAN", location_type="store", category="x"), InvalidInput, "rules[0]"),
        (SafetyRule(quantity=1), InvalidInput, "rules[0]"),
        (SafetyRule(quantity=-1, location_type="store"), InvalidInput, "rules[0].quantity"),
        (SafetyRule(quantity=1, location="ST-NOWHERE", category="x"), UnknownLocation, "rules[0].location"),
        (SafetyRule(quantity=1, location_type="moon-base"), InvalidInput, "rules[0].location_type"),
    ],
)
def test_bad_safety_stock_rules_are_refused_and_change_nothing(
    network, db_state, rule: SafetyRule, error: type[DomainError], field: str
) -> None:
    set_safety_stock_rules([SafetyRule(quantity=1, location_type="store")])
    before = db_state()

    with pytest.raises(error) as refused:
        set_safety_stock_rules([rule])

    assert refused.value.field == field
    assert db_state() == before


def test_raising_a_positions_safety_stock_makes_the_youngest_reservation_give_way(stock, place, position) -> None:
    stock("ST-MAN", RUNNER, 4)
    place(RequestedLine(RUNNER, 2, DeliveryMethod.PICKUP, "ST-MAN"), shipping_address=None)
    place(RequestedLine(RUNNER, 2, DeliveryMethod.PICKUP, "ST-MAN"), shipping_address=None)

    changed = set_position_safety_stock([PositionSafetyStock("ST-MAN", RUNNER, 1)], actor="ops")

    assert changed == 1
    assert (position("ST-MAN", RUNNER).safety_stock, position("ST-MAN", RUNNER).reserved) == (1, 3)
    assert sorted(Reservation.objects.values_list("quantity", flat=True)) == [1, 2]


def test_bad_position_safety_stock_changes_nothing(stock, db_state) -> None:
    stock("ST-MAN", RUNNER, 4)
    before = db_state()

    with pytest.raises(UnknownSku) as refused:
        set_position_safety_stock(
            [PositionSafetyStock("ST-MAN", RUNNER, 2), PositionSafetyStock("ST-MAN", "NO-SUCH-SKU", 1)], actor="ops"
        )

    assert refused.value.field == "positions[1].sku"
    assert db_state() == before


def test_blocks_are_listed_and_lifted(network, products) -> None:
    block = block_stock(location="ST-MAN", sku=RUNNER, reason="water damage", actor="ops")

    assert [(b.location, b.sku, b.reason, b.created_by) for b in list_blocks()] == [
        ("ST-MAN", RUNNER, "water damage", "ops")
    ]
    unblock_stock(block.id)
    assert list_blocks() == []
    with pytest.raises(NotFound):
        unblock_stock(block.id)


@pytest.mark.parametrize(
    ("location", "sku", "reason", "error", "field"),
    [
        (None, None, "why", InvalidInput, "location"),
        ("ST-MAN", RUNNER, " ", InvalidInput, "reason"),
        ("ST-NOWHERE", None, "why", UnknownLocation, "location"),
        (None, "NO-SUCH-SKU", "why", UnknownSku, "sku"),
        ("ST-MAN", RUNNER, "again", DuplicateLine, "sku"),
    ],
)
def test_bad_blocks_are_refused_and_change_nothing(
    network, products, db_state, location, sku, reason, error: type[DomainError], field: str
) -> None:
    block_stock(location="ST-MAN", sku=RUNNER, reason="water damage", actor="ops")
    before = db_state()

    with pytest.raises(error) as refused:
        block_stock(location=location, sku=sku, reason=reason, actor="ops")

    assert refused.value.field == field
    assert db_state() == before
