"""Inventory controls: safety stock rules, what a channel may sell from where, and blocks.

Safety stock of a position, the most specific setting wins:
  1. the position's own safety stock (above zero), fed by the ERP or set through the API;
  2. a rule for the location × the product's category;
  3. a rule for the location type × the product's category;
  4. a rule for the location type (every category);
  5. otherwise none.
A channel's buffer at a location: a rule for that location, else one for its location type.
A channel's threshold for a SKU: a rule for the SKU, else for its category, else channel-wide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class SafetySource(StrEnum):
    POSITION = "position"
    LOCATION_CATEGORY = "location_category"
    LOCATION_TYPE_CATEGORY = "location_type_category"
    LOCATION_TYPE = "location_type"
    NONE = "none"


class Exclusion(StrEnum):
    """Why a location's stock does not count for a channel."""

    LOCATION_TYPE = "location_type_not_sold"
    EXCLUDED = "excluded_for_channel"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class SafetyStock:
    quantity: int
    source: SafetySource


@dataclass(frozen=True, slots=True)
class SafetyStockRules:
    location_category: Mapping[tuple[int, str], int] = field(default_factory=dict)
    type_category: Mapping[tuple[str, str], int] = field(default_factory=dict)
    by_type: Mapping[str, int] = field(default_factory=dict)

    def resolve(self, *, own: int, location_id: int, location_type: str, category: str) -> SafetyStock:
        """The safety stock that applies to one position, and which setting it came from."""
        if own > 0:
            return SafetyStock(own, SafetySource.POSITION)
        if category and (location_id, category) in self.location_category:
            return SafetyStock(self.location_category[(location_id, category)], SafetySource.LOCATION_CATEGORY)
        if category and (location_type, category) in self.type_category:
            return SafetyStock(self.type_category[(location_type, category)], SafetySource.LOCATION_TYPE_CATEGORY)
        if location_type in self.by_type:
            return SafetyStock(self.by_type[location_type], SafetySource.LOCATION_TYPE)
        return SafetyStock(0, SafetySource.NONE)


@dataclass(frozen=True, slots=True)
class ChannelRules:
    """Which locations count for one channel, its buffers and its out-of-stock thresholds."""

    code: str
    location_types: frozenset[str] = frozenset()  # empty: every type counts
    included: frozenset[int] = frozenset()
    excluded: frozenset[int] = frozenset()
    buffer_by_location: Mapping[int, int] = field(default_factory=dict)
    buffer_by_type: Mapping[str, int] = field(default_factory=dict)
    threshold_by_sku: Mapping[str, int] = field(default_factory=dict)
    threshold_by_category: Mapping[str, int] = field(default_factory=dict)
    threshold: int = 0

    def exclusion(self, location_id: int, location_type: str, *, named: bool = False) -> Exclusion | None:
        """None when the location counts. An explicit include or exclude beats the location types;
        a `named` location (the store a pickup or carry-out line names) only fails an explicit exclude."""
        if location_id in self.excluded:
            return Exclusion.EXCLUDED
        if named or location_id in self.included:
            return None
        if self.location_types and location_type not in self.location_types:
            return Exclusion.LOCATION_TYPE
        return None

    def buffer(self, location_id: int, location_type: str) -> int:
        if location_id in self.buffer_by_location:
            return self.buffer_by_location[location_id]
        return self.buffer_by_type.get(location_type, 0)

    def threshold_for(self, sku: str, category: str) -> int:
        if sku in self.threshold_by_sku:
            return self.threshold_by_sku[sku]
        if category and category in self.threshold_by_category:
            return self.threshold_by_category[category]
        return self.threshold


@dataclass(frozen=True, slots=True)
class Blocks:
    """Stock taken out of sale, for every channel: a whole location, a SKU everywhere, or one position."""

    locations: frozenset[int] = frozenset()
    skus: frozenset[str] = frozenset()
    positions: frozenset[tuple[int, str]] = frozenset()

    def blocks(self, location_id: int, sku: str) -> bool:
        return location_id in self.locations or sku in self.skus or (location_id, sku) in self.positions
