"""Selectors: which orders a profile applies to, and whether two profiles could claim the same order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.profile import Selector

WEB_SHIPPING = Selector(channels=("web",), delivery_methods=("ship",))
GOLD_OVER_500 = Selector(customer_tiers=("gold",), min_order_value=Decimal("500"))


def matches(
    selector: Selector,
    *,
    channel: str = "web",
    delivery_method: str = "ship",
    customer_tier: str = "standard",
    order_value: str = "89.90",
) -> bool:
    return selector.matches(
        channel=channel, delivery_method=delivery_method, customer_tier=customer_tier, order_value=Decimal(order_value)
    )


def test_an_empty_selector_matches_every_order() -> None:
    assert matches(Selector()) is True


def test_a_selector_matches_only_the_channels_and_methods_it_names() -> None:
    assert matches(WEB_SHIPPING) is True
    assert matches(WEB_SHIPPING, channel="marketplace") is False
    assert matches(WEB_SHIPPING, delivery_method="pickup") is False
    assert matches(GOLD_OVER_500, customer_tier="gold", order_value="500") is True
    assert matches(GOLD_OVER_500, customer_tier="standard", order_value="500") is False


def test_the_value_band_includes_its_minimum_and_excludes_its_maximum() -> None:
    band = Selector(min_order_value=Decimal("100"), max_order_value=Decimal("500"))

    assert [matches(band, order_value=v) for v in ("99.99", "100", "499.99", "500")] == [False, True, True, False]


def test_selectors_overlap_when_every_dimension_shares_something() -> None:
    assert WEB_SHIPPING.overlaps(GOLD_OVER_500) is True  # gold web orders over 500, shipped
    assert WEB_SHIPPING.overlaps(Selector(channels=("marketplace",))) is False
    assert WEB_SHIPPING.overlaps(Selector(channels=("web", "marketplace"), delivery_methods=("pickup",))) is False


def test_adjacent_value_bands_do_not_overlap() -> None:
    small = Selector(max_order_value=Decimal("100"))
    large = Selector(min_order_value=Decimal("100"))

    assert (small.overlaps(large), large.overlaps(small)) == (False, False)
    assert small.overlaps(Selector(min_order_value=Decimal("99.99"))) is True


@pytest.mark.parametrize(
    ("selector", "field"),
    [
        (lambda: Selector(delivery_methods=("drone",)), "selector.delivery_methods[0]"),
        (lambda: Selector(channels=("web", "web")), "selector.channels[1]"),
        (lambda: Selector(customer_tiers=("",)), "selector.customer_tiers[0]"),
        (lambda: Selector(min_order_value=Decimal("-1")), "selector.min_order_value"),
        (lambda: Selector(min_order_value=Decimal(5), max_order_value=Decimal(5)), "selector.max_order_value"),
        (lambda: Selector(max_order_value=Decimal(0)), "selector.max_order_value"),
    ],
)
def test_a_selector_refuses_what_could_never_match(selector, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as refused:
        selector()

    assert refused.value.field == field


CHANNELS = st.lists(st.sampled_from(["web", "store", "marketplace"]), unique=True, max_size=2).map(tuple)
METHODS = st.lists(st.sampled_from(["ship", "pickup", "carry_out"]), unique=True, max_size=2).map(tuple)
TIERS = st.lists(st.sampled_from(["standard", "gold"]), unique=True, max_size=1).map(tuple)
AMOUNTS = st.integers(min_value=0, max_value=6).map(lambda n: Decimal(n * 50))


@st.composite
def selectors(draw: st.DrawFn) -> Selector:
    low = draw(st.none() | AMOUNTS)
    high = draw(st.none() | AMOUNTS.filter(lambda amount: amount > (low or 0)))
    return Selector(draw(CHANNELS), draw(METHODS), draw(TIERS), low, high)


@given(selectors(), selectors())
def test_two_selectors_overlap_exactly_when_some_order_matches_both(first: Selector, second: Selector) -> None:
    orders = [
        {"channel": channel, "delivery_method": method, "customer_tier": tier, "order_value": str(value)}
        for channel in ("web", "store", "marketplace")
        for method in ("ship", "pickup", "carry_out")
        for tier in ("standard", "gold")
        for value in range(0, 400, 25)  # every band edge (multiples of 50 up to 300) and beyond
    ]
    some_order_matches_both = any(matches(first, **o) and matches(second, **o) for o in orders)

    assert first.overlaps(second) is some_order_matches_both
    assert second.overlaps(first) is some_order_matches_both
