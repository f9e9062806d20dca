"""Opportunity costs: what a unit of stock or a parcel of capacity is worth to later orders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ShadowPrices:
    """`unit[(location, sku)]` is added to each unit's cost, `parcel[location]` to each parcel's."""

    unit: Mapping[tuple[str, str], float] = field(default_factory=dict)
    parcel: Mapping[str, float] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.unit) or bool(self.parcel)


NO_PRICES = ShadowPrices()
