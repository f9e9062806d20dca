"""Which profile routes an order: the active profile whose selector matches it, else the built-in default."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crossdock.domain.routing.profile import ProfileSpec, Strategy
from crossdock.services.routing.profiles import (
    DEFAULT_PROFILE,
    SelectedProfile,
    activate_version,
    archive_version,
    create_profile,
    select_profile,
    update_draft,
)

NEAREST = {"per_parcel": 8.0, "per_km": 0.002, "per_unit": 0.4, "unfilled_per_unit": 1000.0}
GOLD_WEB = {"selector": {"channels": ["web"], "customer_tiers": ["gold"]}, "cost": NEAREST, "strategy": "offer"}
BIG_BASKETS = {"selector": {"min_order_value": "500"}, "cost": {**NEAREST, "split_penalty": 0.0}}


def active(name: str, spec: dict[str, Any]) -> int:
    profile_id = create_profile(name=name, description="", spec=spec, actor="ops:grace").id
    activate_version(profile_id, 1, actor="ops:grace")
    return profile_id


def select(channel: str = "web", tier: str = "standard", value: str = "89.90", method: str = "ship") -> SelectedProfile:
    return select_profile(channel=channel, delivery_method=method, customer_tier=tier, order_value=Decimal(value))


def test_without_profiles_the_default_routes_every_order(db: None) -> None:
    assert select() == DEFAULT_PROFILE
    assert (DEFAULT_PROFILE.id, DEFAULT_PROFILE.name, DEFAULT_PROFILE.version) == (None, "default", 0)
    assert DEFAULT_PROFILE.spec.strategy == Strategy.ASSIGN
    assert (DEFAULT_PROFILE.spec.cost.per_parcel, DEFAULT_PROFILE.spec.cost.split_penalty) == (8.0, 2.0)


def test_the_active_profile_whose_selector_matches_routes_the_order(channels) -> None:  # type: ignore[no-untyped-def]
    gold = active("gold-web", GOLD_WEB)

    selected = select(tier="gold")

    assert (selected.id, selected.name, selected.version) == (gold, "gold-web", 1)
    assert selected.spec == ProfileSpec.from_json(GOLD_WEB)


def test_an_order_no_selector_matches_gets_the_default(channels) -> None:  # type: ignore[no-untyped-def]
    active("gold-web", GOLD_WEB)
    active("big-baskets-in-stores", {**BIG_BASKETS, "selector": {"channels": ["store"], "min_order_value": "500"}})

    assert select(tier="standard") == DEFAULT_PROFILE
    assert select(channel="store", value="499.99") == DEFAULT_PROFILE
    assert select(channel="store", value="500").name == "big-baskets-in-stores"


def test_drafts_and_archived_versions_route_nothing(channels) -> None:  # type: ignore[no-untyped-def]
    create_profile(name="gold-web-draft", description="", spec=GOLD_WEB, actor="ops:grace")
    retired = active("gold-web-retired", GOLD_WEB)
    archive_version(retired, 1, actor="ops:grace")

    assert select(tier="gold") == DEFAULT_PROFILE


def test_the_newly_activated_version_routes_from_then_on(channels) -> None:  # type: ignore[no-untyped-def]
    gold = active("gold-web", GOLD_WEB)
    update_draft(gold, spec={**GOLD_WEB, "strategy": "assign"}, actor="ops:alan")
    assert select(tier="gold").spec.strategy == Strategy.OFFER

    activate_version(gold, 2, actor="ops:alan")

    assert (select(tier="gold").version, select(tier="gold").spec.strategy) == (2, Strategy.ASSIGN)


def test_selecting_reads_the_database_once(channels, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    active("gold-web", GOLD_WEB)
    active("big-baskets", {**BIG_BASKETS, "selector": {"channels": ["store"], "min_order_value": "500"}})

    with django_assert_num_queries(1):
        select(channel="store", value="750")
    with django_assert_num_queries(1):
        select(channel="marketplace")
