"""Load the inventory controls that apply to some SKUs, for one channel or none, as domain values."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q

from crossdock.db.models import (
    Channel,
    ChannelBuffer,
    ChannelLocation,
    ChannelThreshold,
    SafetyStockRule,
    StockBlock,
)
from crossdock.domain.controls import Blocks, ChannelRules, SafetyStockRules


@dataclass(frozen=True, slots=True)
class ControlSet:
    safety: SafetyStockRules
    channel: ChannelRules | None
    blocks: Blocks


def load_controls(*, channel: Channel | None, skus: Collection[str], categories: Collection[str]) -> ControlSet:
    """The safety stock rules, the channel's rules and the blocks that touch these SKUs (a few small queries)."""
    return ControlSet(
        safety=load_safety_rules(categories),
        channel=load_channel_rules(channel, skus=skus, categories=categories) if channel else None,
        blocks=load_blocks(skus),
    )


def load_safety_rules(categories: Collection[str]) -> SafetyStockRules:
    location_category: dict[tuple[int, str], int] = {}
    type_category: dict[tuple[str, str], int] = {}
    by_type: dict[str, int] = {}
    rules = SafetyStockRule.objects.filter(category__in={*categories, ""}).values_list(
        "location_id", "location_type", "category", "quantity"
    )
    for location_id, location_type, category, quantity in rules:
        if location_id is not None:
            location_category[(location_id, category)] = quantity
        elif category:
            type_category[(location_type, category)] = quantity
        else:
            by_type[location_type] = quantity
    return SafetyStockRules(location_category=location_category, type_category=type_category, by_type=by_type)


def load_channel_rules(channel: Channel, *, skus: Collection[str], categories: Collection[str]) -> ChannelRules:
    listed = list(ChannelLocation.objects.filter(channel=channel).values_list("location_id", "include"))
    buffers = list(ChannelBuffer.objects.filter(channel=channel).values_list("location_id", "location_type", "units"))
    thresholds = ChannelThreshold.objects.filter(
        Q(product__sku__in=list(skus)) | Q(product__isnull=True, category__in={*categories, ""}), channel=channel
    ).values_list("product__sku", "category", "min_units")
    threshold_by_sku: dict[str, int] = {}
    threshold_by_category: dict[str, int] = {}
    threshold = 0
    for sku, category, min_units in thresholds:
        if sku is not None:
            threshold_by_sku[sku] = min_units
        elif category:
            threshold_by_category[category] = min_units
        else:
            threshold = min_units
    return ChannelRules(
        code=channel.code,
        location_types=frozenset(channel.location_types or ()),
        included=frozenset(location_id for location_id, include in listed if include),
        excluded=frozenset(location_id for location_id, include in listed if not include),
        buffer_by_location={location_id: units for location_id, _, units in buffers if location_id is not None},
        buffer_by_type={kind: units for location_id, kind, units in buffers if location_id is None},
        threshold_by_sku=threshold_by_sku,
        threshold_by_category=threshold_by_category,
        threshold=threshold,
    )


def load_blocks(skus: Collection[str]) -> Blocks:
    rows = list(
        StockBlock.objects.filter(Q(product__isnull=True) | Q(product__sku__in=list(skus))).values_list(
            "location_id", "product__sku"
        )
    )
    return Blocks(
        locations=frozenset(location_id for location_id, sku in rows if sku is None),
        skus=frozenset(sku for location_id, sku in rows if location_id is None),
        positions=frozenset((location_id, sku) for location_id, sku in rows if location_id is not None and sku),
    )
