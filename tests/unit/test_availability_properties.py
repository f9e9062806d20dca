"""Properties of the availability math under every control, for any stock and any rules."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from crossdock.domain.availability import PositionCount, SkuFigures, sku_figures
from crossdock.domain.controls import Blocks, ChannelRules, SafetyStockRules
from crossdock.domain.stock import StockLevel

SKU = "RETRO-RUNNER-42"
CATEGORIES = ["shoes", "hats", ""]
TYPES = ["warehouse", "store", "dropship"]
LOCATION_IDS = list(range(1, 7))

small = st.integers(min_value=0, max_value=30)


@st.composite
def positions(draw: st.DrawFn) -> list[PositionCount]:
    ids = draw(st.lists(st.sampled_from(LOCATION_IDS), unique=True, max_size=6))
    result = []
    for location_id in ids:
        on_hand = draw(small)
        own_safety = draw(st.integers(min_value=0, max_value=5))
        reserved = draw(st.integers(min_value=0, max_value=max(0, on_hand - own_safety)))
        result.append(
            PositionCount(
                location_id,
                f"L{location_id}",
                draw(st.sampled_from(TYPES)),
                on_hand,
                reserved,
                own_safety,
                named=draw(st.booleans()),
            )
        )
    return result


safety_rules = st.builds(
    SafetyStockRules,
    location_category=st.dictionaries(st.tuples(st.sampled_from(LOCATION_IDS), st.sampled_from(CATEGORIES)), small),
    type_category=st.dictionaries(st.tuples(st.sampled_from(TYPES), st.sampled_from(CATEGORIES)), small),
    by_type=st.dictionaries(st.sampled_from(TYPES), small),
)
location_set = st.frozensets(st.sampled_from(LOCATION_IDS))
channel_rules = st.builds(
    ChannelRules,
    code=st.just("web"),
    location_types=st.frozensets(st.sampled_from(TYPES)),
    included=location_set,
    excluded=location_set,
    buffer_by_location=st.dictionaries(st.sampled_from(LOCATION_IDS), small),
    buffer_by_type=st.dictionaries(st.sampled_from(TYPES), small),
    threshold_by_sku=st.dictionaries(st.just(SKU), small),
    threshold_by_category=st.dictionaries(st.sampled_from(CATEGORIES), small),
    threshold=small,
)
blocks = st.builds(
    Blocks,
    locations=location_set,
    skus=st.frozensets(st.sampled_from([SKU, "OTHER"])),
    positions=st.frozensets(st.tuples(st.sampled_from(LOCATION_IDS), st.just(SKU))),
)
channels = st.none() | channel_rules


def _figures(
    stock: list[PositionCount], safety: SafetyStockRules, channel: ChannelRules | None, blocked: Blocks, queued: int = 0
) -> SkuFigures:
    return sku_figures(SKU, "shoes", stock, safety=safety, channel=channel, blocks=blocked, queued=queued)


@given(stock=positions(), safety=safety_rules, channel=channels, blocked=blocks, queued=small)
def test_the_figures_add_up_and_never_go_negative(
    stock: list[PositionCount], safety: SafetyStockRules, channel: ChannelRules | None, blocked: Blocks, queued: int
) -> None:
    figures = _figures(stock, safety, channel, blocked, queued)

    assert sum(f.sellable for f in figures.locations) == figures.sellable
    assert figures.sellable <= max(0, figures.channel_total - queued)
    for f in figures.locations:
        assert 0 <= f.sellable <= f.channel_available <= f.available <= max(0, f.on_hand - f.reserved)
        assert f.available == StockLevel(f.on_hand, f.reserved, f.safety_stock).available


@given(stock=positions(), safety=safety_rules, channel=channels, blocked=blocks, queued=small)
def test_reserving_what_the_channel_sees_leaves_the_safety_stock_and_the_buffer_in_place(
    stock: list[PositionCount], safety: SafetyStockRules, channel: ChannelRules | None, blocked: Blocks, queued: int
) -> None:
    figures = _figures(stock, safety, channel, blocked, queued)

    own = {p.location_id: p.safety_stock for p in stock}
    for f in figures.locations:
        if f.sellable:
            # the conditional update of an order reservation: on_hand ≥ reserved + own safety + holdback + quantity
            assert f.on_hand >= f.reserved + own[f.location_id] + f.holdback + f.sellable
            assert f.on_hand - (f.reserved + f.sellable) >= f.safety_stock + f.buffer


@given(stock=positions(), safety=safety_rules, channel=channels, blocked=blocks)
def test_blocked_and_excluded_locations_sell_nothing(
    stock: list[PositionCount], safety: SafetyStockRules, channel: ChannelRules | None, blocked: Blocks
) -> None:
    figures = _figures(stock, safety, channel, blocked)

    for f in figures.locations:
        if blocked.blocks(f.location_id, SKU) or (channel and f.location_id in channel.excluded):
            assert f.sellable == 0 and not f.counts


@given(stock=positions(), safety=safety_rules, channel=channel_rules, blocked=blocks)
def test_below_the_threshold_the_channel_sells_nothing_at_all(
    stock: list[PositionCount], safety: SafetyStockRules, channel: ChannelRules, blocked: Blocks
) -> None:
    figures = _figures(stock, safety, channel, blocked)

    assert figures.threshold == channel.threshold_for(SKU, "shoes")
    if figures.channel_total < figures.threshold:
        assert figures.sellable == 0
        assert all(f.sellable == 0 for f in figures.locations)
    else:
        assert figures.sellable == figures.channel_total


@given(
    stock=positions(),
    safety=safety_rules,
    channel=channel_rules,
    blocked=blocks,
    extra=st.sampled_from(["buffer", "block", "exclude", "safety", "threshold", "queue"]),
    location_id=st.sampled_from(LOCATION_IDS),
    amount=st.integers(min_value=1, max_value=10),
)
def test_tightening_any_control_never_raises_what_the_channel_may_sell(
    stock: list[PositionCount],
    safety: SafetyStockRules,
    channel: ChannelRules,
    blocked: Blocks,
    extra: str,
    location_id: int,
    amount: int,
) -> None:
    before = _figures(stock, safety, channel, blocked)
    queued = 0
    if extra == "buffer":
        current = {p.location_id: channel.buffer(p.location_id, p.type) for p in stock}
        channel = replace(channel, buffer_by_location={**current, location_id: current.get(location_id, 0) + amount})
    elif extra == "block":
        blocked = replace(blocked, locations=blocked.locations | {location_id})
    elif extra == "exclude":
        channel = replace(channel, excluded=channel.excluded | {location_id})
    elif extra == "safety":
        stock = [replace(p, safety_stock=p.safety_stock + amount) if p.location_id == location_id else p for p in stock]
        stock = [replace(p, reserved=min(p.reserved, max(0, p.on_hand - p.safety_stock))) for p in stock]
    elif extra == "threshold":
        channel = replace(channel, threshold_by_sku={SKU: channel.threshold_for(SKU, "shoes") + amount})
    else:
        queued = amount
    after = _figures(stock, safety, channel, blocked, queued)

    assert after.sellable <= before.sellable


@given(stock=positions(), safety=safety_rules)
def test_an_open_channel_without_controls_sees_what_the_network_has(
    stock: list[PositionCount], safety: SafetyStockRules
) -> None:
    open_channel = ChannelRules("store")

    figures = _figures([replace(p, named=False) for p in stock], safety, open_channel, Blocks())

    assert figures.sellable == figures.available == sum(f.available for f in figures.locations)


@given(
    own=st.integers(min_value=0, max_value=9),
    location_category=st.none() | small,
    type_category=st.none() | small,
    by_type=st.none() | small,
)
def test_safety_stock_takes_the_most_specific_setting(
    own: int, location_category: int | None, type_category: int | None, by_type: int | None
) -> None:
    rules = SafetyStockRules(
        location_category={} if location_category is None else {(1, "shoes"): location_category},
        type_category={} if type_category is None else {("store", "shoes"): type_category},
        by_type={} if by_type is None else {"store": by_type},
    )

    resolved = rules.resolve(own=own, location_id=1, location_type="store", category="shoes")

    expected = next(
        (value for value in [own or None, location_category, type_category, by_type] if value is not None), 0
    )
    assert resolved.quantity == expected
