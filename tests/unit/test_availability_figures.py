"""The availability math, by example: every control and how the figures add up."""

from __future__ import annotations

from crossdock.domain.availability import PositionCount, sku_figures
from crossdock.domain.controls import Blocks, ChannelRules, Exclusion, SafetySource, SafetyStockRules

NEWARK, MANHATTAN, BROOKLYN = 1, 2, 3
RUNNER = "RETRO-RUNNER-42"


def _positions(**overrides: int) -> list[PositionCount]:
    return [
        PositionCount(NEWARK, "WH-NJ", "warehouse", on_hand=overrides.get("newark", 10), reserved=2),
        PositionCount(MANHATTAN, "ST-MAN", "store", on_hand=overrides.get("manhattan", 5), reserved=1),
        PositionCount(BROOKLYN, "ST-BKN", "store", on_hand=overrides.get("brooklyn", 3), reserved=0, safety_stock=1),
    ]


def test_without_controls_every_location_sells_on_hand_less_reserved_and_its_own_safety_stock() -> None:
    figures = sku_figures(RUNNER, "shoes", _positions(), safety=SafetyStockRules(), channel=None, blocks=Blocks())

    assert [(f.location, f.available, f.sellable, f.holdback) for f in figures.locations] == [
        ("WH-NJ", 8, 8, 0),
        ("ST-MAN", 4, 4, 0),
        ("ST-BKN", 2, 2, 0),
    ]
    assert (figures.on_hand, figures.reserved, figures.available, figures.sellable) == (18, 3, 14, 14)


def test_the_most_specific_safety_stock_wins() -> None:
    rules = SafetyStockRules(
        location_category={(MANHATTAN, "shoes"): 3},
        type_category={("store", "shoes"): 2, ("warehouse", "shoes"): 4},
        by_type={"store": 1, "warehouse": 5},
    )

    figures = sku_figures(RUNNER, "shoes", _positions(), safety=rules, channel=None, blocks=Blocks())

    assert [(f.location, f.safety_stock, f.safety_source, f.available) for f in figures.locations] == [
        ("WH-NJ", 4, SafetySource.LOCATION_TYPE_CATEGORY, 4),
        ("ST-MAN", 3, SafetySource.LOCATION_CATEGORY, 1),
        ("ST-BKN", 1, SafetySource.POSITION, 2),
    ]


def test_a_product_without_category_takes_the_location_type_rule() -> None:
    rules = SafetyStockRules(location_category={(MANHATTAN, ""): 9}, by_type={"store": 1})

    figures = sku_figures(RUNNER, "", _positions(), safety=rules, channel=None, blocks=Blocks())

    assert [(f.safety_stock, f.safety_source) for f in figures.locations] == [
        (0, SafetySource.NONE),
        (1, SafetySource.LOCATION_TYPE),
        (1, SafetySource.POSITION),
    ]


def test_the_web_sees_store_stock_minus_two_and_the_holdback_says_so() -> None:
    web = ChannelRules("web", buffer_by_type={"store": 2}, buffer_by_location={BROOKLYN: 0})

    figures = sku_figures(RUNNER, "shoes", _positions(), safety=SafetyStockRules(), channel=web, blocks=Blocks())

    assert [(f.location, f.buffer, f.channel_available, f.holdback) for f in figures.locations] == [
        ("WH-NJ", 0, 8, 0),
        ("ST-MAN", 2, 2, 2),
        ("ST-BKN", 0, 2, 0),
    ]
    assert figures.sellable == 12


def test_explicit_includes_and_excludes_beat_location_types() -> None:
    web = ChannelRules("web", location_types=frozenset({"warehouse"}), included={BROOKLYN}, excluded={NEWARK})

    figures = sku_figures(RUNNER, "shoes", _positions(), safety=SafetyStockRules(), channel=web, blocks=Blocks())

    assert [(f.location, f.exclusion, f.sellable) for f in figures.locations] == [
        ("WH-NJ", Exclusion.EXCLUDED, 0),
        ("ST-MAN", Exclusion.LOCATION_TYPE, 0),
        ("ST-BKN", None, 2),
    ]


def test_a_named_pickup_store_counts_unless_explicitly_excluded() -> None:
    web = ChannelRules("web", location_types=frozenset({"warehouse"}))
    named = PositionCount(MANHATTAN, "ST-MAN", "store", on_hand=5, reserved=0, named=True)

    figures = sku_figures(RUNNER, "", [named], safety=SafetyStockRules(), channel=web, blocks=Blocks())

    assert figures.sellable == 5


def test_blocks_take_a_location_a_sku_or_a_position_out_of_sale() -> None:
    blocked = Blocks(locations=frozenset({NEWARK}), positions=frozenset({(BROOKLYN, RUNNER)}))

    figures = sku_figures(
        RUNNER, "", _positions(), safety=SafetyStockRules(), channel=ChannelRules("web"), blocks=blocked
    )
    everywhere = sku_figures(
        RUNNER, "", _positions(), safety=SafetyStockRules(), channel=None, blocks=Blocks(skus=frozenset({RUNNER}))
    )

    assert [(f.location, f.exclusion, f.available, f.sellable) for f in figures.locations] == [
        ("WH-NJ", Exclusion.BLOCKED, 8, 0),
        ("ST-MAN", None, 4, 4),
        ("ST-BKN", Exclusion.BLOCKED, 2, 0),
    ]
    assert everywhere.sellable == 0


def test_below_the_threshold_the_sku_is_out_of_stock_for_the_channel() -> None:
    web = ChannelRules("web", threshold_by_sku={RUNNER: 15}, threshold=100)

    figures = sku_figures(RUNNER, "", _positions(), safety=SafetyStockRules(), channel=web, blocks=Blocks())
    enough = sku_figures(RUNNER, "", _positions(newark=11), safety=SafetyStockRules(), channel=web, blocks=Blocks())

    assert (figures.channel_total, figures.threshold, figures.below_threshold, figures.sellable) == (14, 15, True, 0)
    assert [f.sellable for f in figures.locations] == [0, 0, 0]
    assert (enough.channel_total, enough.sellable) == (15, 15)


def test_a_category_threshold_applies_when_the_sku_has_none() -> None:
    web = ChannelRules("web", threshold_by_category={"shoes": 20}, threshold=1)

    assert (
        sku_figures(RUNNER, "shoes", _positions(), safety=SafetyStockRules(), channel=web, blocks=Blocks()).threshold
        == 20
    )
    assert (
        sku_figures(RUNNER, "hats", _positions(), safety=SafetyStockRules(), channel=web, blocks=Blocks()).threshold
        == 1
    )


def test_waiting_lines_have_first_claim_taken_in_location_order() -> None:
    figures = sku_figures(
        RUNNER, "", _positions(), safety=SafetyStockRules(), channel=ChannelRules("web"), blocks=Blocks(), queued=10
    )

    assert (figures.channel_total, figures.sellable) == (14, 4)
    assert [f.sellable for f in figures.locations] == [0, 2, 2]
