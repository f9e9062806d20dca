"""A replay's report: the KPI table (what happened, the draft, the difference), load per location, one CSV
row per order, and the replay window read from "30d" / "12h" / an ISO date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from crossdock.domain.errors import InvalidInput
from crossdock.domain.routing.live import SourcingInputs
from crossdock.domain.routing.profile import ProfileSpec
from crossdock.domain.routing.replay import Kpis, LocationLoad, OrderMetrics, measure
from crossdock.domain.routing.replay_order import Side, StaticFacts, offered_stores, replay_draft

# (name, what it measures) in table order.
KPIS: tuple[tuple[str, str], ...] = (
    ("orders", "orders replayed"),
    ("cost", "total cost under the draft's cost model"),
    ("cost_as_routed", "total cost under the cost model each order was routed with"),
    ("parcels_per_order", "parcels per order"),
    ("split_rate", "share of orders in more than one parcel"),
    ("mean_km", "mean great-circle km per parcel"),
    ("unfilled_units", "units no location ships"),
    ("offers", "offers to stores"),
    ("low_reliability_offers", "offers to stores scoring below the threshold"),
)


@dataclass(frozen=True, slots=True)
class KpiRow:
    name: str
    actual: float
    draft: float

    @property
    def delta(self) -> float:
        return self.draft - self.actual


@dataclass(frozen=True, slots=True)
class LoadRow:
    location: str
    actual: LocationLoad
    draft: LocationLoad


def kpi_rows(actual: Kpis, draft: Kpis) -> tuple[KpiRow, ...]:
    return tuple(KpiRow(name, float(getattr(actual, name)), float(getattr(draft, name))) for name, _ in KPIS)


def load_rows(actual: Kpis, draft: Kpis) -> tuple[LoadRow, ...]:
    """Units and fulfilments per location, every location either side used, by code."""
    codes = sorted(set(actual.load) | set(draft.load))
    return tuple(
        LoadRow(code, actual.load.get(code, LocationLoad()), draft.load.get(code, LocationLoad())) for code in codes
    )


@dataclass(frozen=True, slots=True)
class OrderReplay:
    """One order: what happened and what the draft would have done, each measured."""

    order_id: int
    decision_id: int
    routed_at: datetime
    actual: Side
    draft: Side
    actual_metrics: OrderMetrics
    draft_metrics: OrderMetrics

    @property
    def changed(self) -> bool:
        return _shipping(self.actual) != _shipping(self.draft) or sorted(self.actual.offers) != sorted(
            self.draft.offers
        )


CSV_COLUMNS = (
    "order_id",
    "decision_id",
    "routed_at",
    "changed",
    "actual_locations",
    "draft_locations",
    "actual_cost",
    "draft_cost",
    "cost_delta",
    "actual_cost_as_routed",
    "draft_cost_as_routed",
    "actual_parcels",
    "draft_parcels",
    "actual_km",
    "draft_km",
    "actual_unfilled_units",
    "draft_unfilled_units",
    "actual_offers",
    "draft_offers",
    "actual_low_reliability_offers",
    "draft_low_reliability_offers",
)


def csv_row(replay: OrderReplay) -> dict[str, str | int | float]:
    """The order's CSV row: locations as `CODE:SKU×units` lists, costs and km rounded to 4 places."""
    actual, draft = replay.actual_metrics, replay.draft_metrics
    return {
        "order_id": replay.order_id,
        "decision_id": replay.decision_id,
        "routed_at": replay.routed_at.isoformat(),
        "changed": "yes" if replay.changed else "no",
        "actual_locations": _describe(replay.actual),
        "draft_locations": _describe(replay.draft),
        "actual_cost": round(actual.cost, 4),
        "draft_cost": round(draft.cost, 4),
        "cost_delta": round(draft.cost - actual.cost, 4),
        "actual_cost_as_routed": round(actual.cost_as_routed, 4),
        "draft_cost_as_routed": round(draft.cost_as_routed, 4),
        "actual_parcels": actual.parcels,
        "draft_parcels": draft.parcels,
        "actual_km": round(actual.km, 4),
        "draft_km": round(draft.km, 4),
        "actual_unfilled_units": actual.unfilled_units,
        "draft_unfilled_units": draft.unfilled_units,
        "actual_offers": " ".join(replay.actual.offers),
        "draft_offers": " ".join(replay.draft.offers),
        "actual_low_reliability_offers": actual.low_reliability_offers,
        "draft_low_reliability_offers": draft.low_reliability_offers,
    }


def _shipping(side: Side) -> list[tuple[str, str, int]]:
    return sorted((a.location, a.sku, a.quantity) for a in side.allocations)


def _describe(side: Side) -> str:
    return " ".join(f"{location}:{sku}×{quantity}" for location, sku, quantity in _shipping(side))


_AGO = re.compile(r"^(\d{1,5})([dh])$")


def parse_since(text: str, *, now: datetime, field: str = "since") -> datetime:
    """ "30d" / "12h" before `now`, or an ISO date or date-time (UTC when it names no zone), not after `now`."""
    ago = _AGO.match(text.strip())
    if ago:
        amount, unit = int(ago.group(1)), ago.group(2)
        return now - (timedelta(days=amount) if unit == "d" else timedelta(hours=amount))
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput('must be a duration like "30d" or "12h", or an ISO date', field=field) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > now:
        raise InvalidInput("must not be in the future", field=field)
    return moment


@dataclass(frozen=True, slots=True)
class Recorded:
    """A placement decision as recorded: what the engine saw, what it shipped, how it handed the work out."""

    order_id: int
    decision_id: int
    routed_at: datetime
    inputs: SourcingInputs
    shipped: Side  # offers not yet known: they follow from the strategy and `store_count`
    store_count: int  # stores offered per bundle; 0 when the profile assigned


def replay_recorded(
    recorded: Recorded, draft: ProfileSpec, *, facts: Mapping[str, StaticFacts], low_reliability: float
) -> OrderReplay:
    """What happened and what `draft` would have done for one order, both measured the same way."""
    inputs = recorded.inputs
    offers = offered_stores(
        inputs,
        recorded.shipped.allocations,
        recorded.shipped.unfilled,
        facts=facts,
        store_count=recorded.store_count,
    )
    actual = replace(recorded.shipped, offers=offers)
    drafted = replay_draft(inputs, draft, facts=facts, routed_at=recorded.routed_at)
    return OrderReplay(
        order_id=recorded.order_id,
        decision_id=recorded.decision_id,
        routed_at=recorded.routed_at,
        actual=actual,
        draft=drafted,
        actual_metrics=measure(actual, inputs, draft_model=draft.cost, low_reliability=low_reliability),
        draft_metrics=measure(drafted, inputs, draft_model=draft.cost, low_reliability=low_reliability),
    )
