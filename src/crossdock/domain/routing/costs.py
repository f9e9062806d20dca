"""The cost model of a routing profile, and one small function per cost term.

Every term is computed by its own function so that a decision and its explanation list the
same numbers. Fixed terms are paid once per parcel (one order × one location used); unit
terms per unit shipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from crossdock.domain.errors import InvalidInput

STORE_KIND = "store"


@dataclass(frozen=True, slots=True)
class CostModel:
    """Weights of the objective. All weights are ≥ 0; `None` limits mean "no limit"."""

    per_parcel: float
    per_km: float
    per_unit: float
    unfilled_per_unit: float
    per_unit_by_kind: Mapping[str, float] = field(default_factory=dict)
    split_penalty: float = 0.0
    max_parcels_per_order: int | None = None
    unreliability_weight: float = 0.0
    load_weight: float = 0.0
    depletion_penalty: float = 0.0
    depletion_threshold: int = 0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, float | int) and not _non_negative(value):
                raise InvalidInput("must be a finite number ≥ 0", field=f"cost.{item.name}")
        for kind, value in self.per_unit_by_kind.items():
            if not _non_negative(value):
                raise InvalidInput("must be a finite number ≥ 0", field=f"cost.per_unit_by_kind.{kind}")
        if self.max_parcels_per_order is not None and self.max_parcels_per_order < 1:
            raise InvalidInput("max_parcels_per_order must be ≥ 1", field="cost.max_parcels_per_order")


def _non_negative(value: float) -> bool:
    return math.isfinite(value) and value >= 0


# Fixed terms: paid once for each parcel a location ships for the order.


def parcel_cost(model: CostModel) -> float:
    return model.per_parcel


def distance_cost(model: CostModel, km: float) -> float:
    return model.per_km * km


def split_cost(model: CostModel, parcels: int) -> float:
    """The penalty for every parcel beyond the first."""
    return model.split_penalty * max(0, parcels - 1)


def unreliability_cost(model: CostModel, reliability: float) -> float:
    """Weight × (1 − score): a store that often unclaims costs more to choose."""
    return model.unreliability_weight * (1.0 - reliability)


def load_cost(model: CostModel, load: float) -> float:
    """Weight × the fraction of the location's capacity already used."""
    return model.load_weight * load


# Unit terms: paid per unit shipped.


def unit_rate(model: CostModel, *, kind: str, per_unit: float | None) -> float:
    """Handling per unit: the location's own rate, else its kind's, else the global one."""
    if per_unit is not None:
        return per_unit
    return model.per_unit_by_kind.get(kind, model.per_unit)


def handling_cost(model: CostModel, *, kind: str, per_unit: float | None, units: int) -> float:
    return unit_rate(model, kind=kind, per_unit=per_unit) * units


def last_units_taken(model: CostModel, *, kind: str, stock: int, units: int) -> int:
    """How many of `units` taken from `stock` come out of a store's last `depletion_threshold` units."""
    if kind != STORE_KIND or model.depletion_threshold <= 0:
        return 0
    return max(0, units - max(0, stock - model.depletion_threshold))


def depletion_cost(model: CostModel, *, kind: str, stock: int, units: int) -> float:
    """Penalty per unit taken out of a store's last units: convex in `units`, so still exact to optimise."""
    return model.depletion_penalty * last_units_taken(model, kind=kind, stock=stock, units=units)


def unfilled_cost(model: CostModel, units: int) -> float:
    return model.unfilled_per_unit * units
