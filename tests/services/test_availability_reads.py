"""Availability reads its controls in one statement: every control in place costs no extra round trip."""

from __future__ import annotations

from crossdock.services.inventory.availability import get_availability
from crossdock.services.inventory.blocks import block_stock
from crossdock.services.inventory.channel_controls import (
    BufferSetting,
    ChannelControls,
    ThresholdSetting,
    set_channel_controls,
)
from crossdock.services.inventory.safety_stock import SafetyRule, set_safety_stock_rules

RUNNER = "RETRO-RUNNER-42"


def test_every_control_is_read_with_one_statement(stock, products, django_assert_num_queries) -> None:
    products[RUNNER].category = "shoes"
    products[RUNNER].save()
    stock("WH-NJ", RUNNER, 20)
    stock("ST-MAN", RUNNER, 9)
    stock("ST-BKN", RUNNER, 4)
    set_safety_stock_rules([SafetyRule(2, location_type="store"), SafetyRule(3, location="WH-NJ", category="shoes")])
    set_channel_controls(
        ChannelControls(
            "web",
            ["warehouse", "store"],
            exclude=["ST-CHI"],
            buffers=[BufferSetting(1, location_type="store")],
            thresholds=[ThresholdSetting(5, sku=RUNNER)],
        )
    )
    block_stock(location="ST-BKN", sku=None, reason="refit", actor="ops")

    with django_assert_num_queries(2):  # controls, positions
        [runner] = get_availability([RUNNER], channel="web")

    assert [(a.location, a.safety_stock, a.available, a.counts_for_channel) for a in runner.locations] == [
        ("ST-BKN", 2, 2, False),
        ("ST-MAN", 2, 7, True),
        ("WH-NJ", 3, 17, True),
    ]
    assert runner.channel_available == 6 + 17
