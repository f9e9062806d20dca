"""A routing profile: which orders it applies to, which locations may fulfil them, the cost model
and the strategy. Every value checks itself and names the field at fault (`InvalidInput`).

Reading and writing JSON: `ProfileSpec.from_json` (strict: unknown fields are refused) and
`ProfileSpec.to_json`, in profile_json.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from crossdock.domain.errors import InvalidInput
from crossdock.domain.locations import Capability, LocationType
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.hours import MINUTES_PER_DAY, minutes_of


class Strategy(StrEnum):
    ASSIGN = "assign"  # to the best location(s)
    OFFER = "offer"  # to the best N stores at once; the first to claim wins


class EscalationStep(StrEnum):
    NEXT_STORES = "next_stores"
    WAREHOUSES = "warehouses"
    BACKORDER = "backorder"


@dataclass(frozen=True, slots=True)
class Selector:
    """Which orders a profile applies to. An empty tuple means any; the order value band is
    [min_order_value, max_order_value): the minimum counts, the maximum does not."""

    channels: tuple[str, ...] = ()
    delivery_methods: tuple[str, ...] = ()
    customer_tiers: tuple[str, ...] = ()
    min_order_value: Decimal | None = None
    max_order_value: Decimal | None = None

    def __post_init__(self) -> None:
        _check_names(self.channels, "selector.channels")
        _check_names(self.delivery_methods, "selector.delivery_methods", allowed={m.value for m in DeliveryMethod})
        _check_names(self.customer_tiers, "selector.customer_tiers")
        low, high = self.min_order_value, self.max_order_value
        if low is not None and not (low.is_finite() and low >= 0):
            raise InvalidInput("must be an amount ≥ 0", field="selector.min_order_value")
        if high is not None and not (high.is_finite() and high > (low or 0)):
            raise InvalidInput("must be above min_order_value and 0", field="selector.max_order_value")

    def matches(self, *, channel: str, delivery_method: str, customer_tier: str, order_value: Decimal) -> bool:
        return (
            _admits(self.channels, channel)
            and _admits(self.delivery_methods, delivery_method)
            and _admits(self.customer_tiers, customer_tier)
            and (self.min_order_value is None or order_value >= self.min_order_value)
            and (self.max_order_value is None or order_value < self.max_order_value)
        )

    def overlaps(self, other: Selector) -> bool:
        """Whether some order would match both selectors."""
        lows = [value for value in (self.min_order_value, other.min_order_value) if value is not None]
        highs = [value for value in (self.max_order_value, other.max_order_value) if value is not None]
        bands_meet = not highs or max(lows, default=Decimal(0)) < min(highs)
        return (
            bands_meet
            and _share(self.channels, other.channels)
            and _share(self.delivery_methods, other.delivery_methods)
            and _share(self.customer_tiers, other.customer_tiers)
        )


@dataclass(frozen=True, slots=True)
class LocationFilters:
    """Which locations may fulfil. Each rule is off when empty / None / False.

    `before_cutoff` is "HH:MM" in each location's own time zone: it takes orders placed before then today.
    """

    location_types: tuple[str, ...] = ()
    required_capabilities: tuple[str, ...] = ()
    max_distance_km: float | None = None
    open_now: bool = False
    before_cutoff: str | None = None
    min_capacity_left: int | None = None
    min_reliability: float | None = None

    def __post_init__(self) -> None:
        _check_names(self.location_types, "filters.location_types", allowed={t.value for t in LocationType})
        _check_names(self.required_capabilities, "filters.required_capabilities", allowed={c.value for c in Capability})
        if self.max_distance_km is not None and not (math.isfinite(self.max_distance_km) and self.max_distance_km > 0):
            raise InvalidInput("must be a distance above 0", field="filters.max_distance_km")
        cutoff = minutes_of(self.before_cutoff) if self.before_cutoff is not None else 0
        if cutoff is None or cutoff >= MINUTES_PER_DAY:
            raise InvalidInput('must be a time of day "HH:MM" (00:00–23:59)', field="filters.before_cutoff")
        if self.min_capacity_left is not None and self.min_capacity_left < 0:
            raise InvalidInput("must be ≥ 0", field="filters.min_capacity_left")
        if self.min_reliability is not None and not 0.0 <= self.min_reliability <= 1.0:
            raise InvalidInput("must be between 0 and 1", field="filters.min_reliability")


DEFAULT_ESCALATION = (EscalationStep.NEXT_STORES, EscalationStep.WAREHOUSES, EscalationStep.BACKORDER)


@dataclass(frozen=True, slots=True)
class OfferSettings:
    """With strategy `offer`: how many stores at once, how long they have to claim, and what follows."""

    store_count: int = 3
    claim_timeout_seconds: int = 900
    escalation: tuple[EscalationStep, ...] = DEFAULT_ESCALATION

    def __post_init__(self) -> None:
        if not 1 <= self.store_count <= 100:
            raise InvalidInput("must be between 1 and 100", field="offers.store_count")
        if not 1 <= self.claim_timeout_seconds <= 7 * 24 * 3600:
            raise InvalidInput("must be between 1 second and 7 days", field="offers.claim_timeout_seconds")
        if len(set(self.escalation)) != len(self.escalation):
            raise InvalidInput("a step appears twice", field="offers.escalation")
        if EscalationStep.BACKORDER in self.escalation[:-1]:
            raise InvalidInput("backorder can only be the last step", field="offers.escalation")


@dataclass(frozen=True, slots=True)
class ProfileSpec:
    """What a profile version holds: everything routing needs to decide for an order it applies to."""

    selector: Selector
    filters: LocationFilters
    cost: CostModel
    strategy: Strategy
    offers: OfferSettings

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProfileSpec:
        """Read a spec; unknown fields, wrong types and out-of-range values raise InvalidInput with the field."""
        from crossdock.domain.routing.profile_json import spec_from_json

        return spec_from_json(data)

    def to_json(self) -> dict[str, Any]:
        """Every field, JSON-ready; `from_json(spec.to_json()) == spec`."""
        from crossdock.domain.routing.profile_json import spec_to_json

        return spec_to_json(self)


def _check_names(names: tuple[str, ...], field: str, *, allowed: set[str] | None = None) -> None:
    for index, name in enumerate(names):
        if not name or (allowed is not None and name not in allowed):
            expected = f"one of {sorted(allowed)}" if allowed is not None else "a non-empty name"
            raise InvalidInput(f"must be {expected}", field=f"{field}[{index}]")
        if name in names[:index]:
            raise InvalidInput("appears twice", field=f"{field}[{index}]")


def _admits(names: tuple[str, ...], value: str) -> bool:
    return not names or value in names


def _share(names: tuple[str, ...], others: tuple[str, ...]) -> bool:
    return not names or not others or not set(names).isdisjoint(others)
