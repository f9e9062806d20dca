"""Replay past orders under a draft profile: each placement decision decided again from what it saw.

Per-order counterfactual: every order starts from the stock recorded at its own time, as if the draft
had routed that order alone; what the draft would have taken does not change what later orders see.
Read-only: nothing is written (not even the lazily built explanations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from crossdock.db.models import Location, Order, OrderLine, RoutingDecision, RoutingProfileVersion
from crossdock.domain.errors import DomainError
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.plan import Allocation, Shortfall
from crossdock.domain.routing.profile import OfferSettings, ProfileSpec, Strategy
from crossdock.domain.routing.record import inputs_from_json
from crossdock.domain.routing.replay import LOW_RELIABILITY, Kpis
from crossdock.domain.routing.replay_order import Side, StaticFacts
from crossdock.domain.routing.replay_report import (
    KpiRow,
    LoadRow,
    OrderReplay,
    Recorded,
    kpi_rows,
    load_rows,
    parse_since,
)
from crossdock.domain.routing.replay_report import replay_recorded as compare
from crossdock.services.catalog.csv_import.report import Progress, Silent
from crossdock.services.routing.profiles.specs import read_spec

PLACED = "placed"
BATCH = 500
_FIELDS = (
    "pk",
    "order_id",
    "created_at",
    "strategy",
    "profile_id",
    "profile_version",
    "allocations",
    "unfilled",
    "inputs",
)


@dataclass(frozen=True, slots=True)
class ReplayReport:
    since: datetime
    until: datetime
    low_reliability: float
    actual: Kpis
    draft: Kpis
    skipped: Mapping[str, int]  # reason → orders: not_selected, not_shipped, not_recorded, unreadable_record
    left_out: int = 0  # the oldest placement decisions of the window beyond `limit`
    changed: int = 0  # orders the draft would have routed (or offered) otherwise

    @property
    def kpis(self) -> tuple[KpiRow, ...]:
        return kpi_rows(self.actual, self.draft)

    @property
    def loads(self) -> tuple[LoadRow, ...]:
        return load_rows(self.actual, self.draft)


@dataclass(slots=True)
class _Tally:
    actual: Kpis = field(default_factory=Kpis)
    draft: Kpis = field(default_factory=Kpis)
    skipped: dict[str, int] = field(default_factory=dict)
    changed: int = 0

    def skip(self, reason: str, orders: int = 1) -> None:
        if orders:
            self.skipped[reason] = self.skipped.get(reason, 0) + orders


def replay_profile(
    spec: Mapping[str, Any],
    *,
    since: str,
    now: datetime | None = None,
    limit: int | None = None,
    low_reliability: float = LOW_RELIABILITY,
    progress: Progress | None = None,
    each: Callable[[OrderReplay], None] | None = None,
) -> ReplayReport:
    """Re-run every order placed in [since, now] that has a placement decision under the draft `spec`, from
    the stock and standing recorded at its time, and sum the KPIs of both sides. `since`: "30d", "12h" or
    an ISO date. `limit`: the most recent orders only. `each` receives every replayed order. Writes nothing.

    Raises InvalidInput (`spec.<field>`, `since`), UnknownChannel (a channel of the draft's selector)."""
    draft = read_spec(spec)
    until = now or timezone.now()
    begins = parse_since(since, now=until)
    decisions = RoutingDecision.objects.filter(reason=PLACED, created_at__gte=begins, created_at__lte=until)
    total = decisions.count()
    kept = total if limit is None else min(total, limit)
    first = decisions.order_by("-pk").values_list("pk", flat=True)[kept - 1] if kept else 0
    progress = progress or Silent()
    progress.start("replaying orders", kept)
    tally, facts, store_counts = _Tally(), _static_facts(), _StoreCounts()
    for batch in _batches(decisions.filter(pk__gte=first) if kept else decisions.none()):
        orders = _order_facts([row["order_id"] for row in batch])
        for row in batch:
            _replay_one(row, draft, orders, facts, store_counts, tally, low_reliability, each)
        progress.advance(len(batch))
    _count_unrouted(tally, begins, until)
    return ReplayReport(
        begins, until, low_reliability, tally.actual, tally.draft, tally.skipped, total - kept, tally.changed
    )


def _replay_one(
    row: Mapping[str, Any],
    draft: ProfileSpec,
    orders: Mapping[int, tuple[str, str, Decimal]],
    facts: Mapping[str, StaticFacts],
    store_counts: _StoreCounts,
    tally: _Tally,
    low_reliability: float,
    each: Callable[[OrderReplay], None] | None,
) -> None:
    channel, tier, value = orders[row["order_id"]]
    if not draft.selector.matches(
        channel=channel, delivery_method=DeliveryMethod.SHIP, customer_tier=tier, order_value=value
    ):
        tally.skip("not_selected")
        return
    try:
        recorded = _recorded(row, store_counts)
        replayed = compare(recorded, draft, facts=facts, low_reliability=low_reliability)
    except (KeyError, TypeError, ValueError, DomainError):  # a record this version cannot read
        tally.skip("unreadable_record")
        return
    tally.actual.add(replayed.actual_metrics)
    tally.draft.add(replayed.draft_metrics)
    tally.changed += 1 if replayed.changed else 0
    if each is not None:
        each(replayed)


def _recorded(row: Mapping[str, Any], store_counts: _StoreCounts) -> Recorded:
    shipped = Side(
        allocations=tuple(
            Allocation(str(a["sku"]), str(a["location"]), int(a["quantity"])) for a in row["allocations"]
        ),
        unfilled=tuple(Shortfall(str(s["sku"]), int(s["quantity"])) for s in row["unfilled"]),
    )
    offering = row["strategy"] == Strategy.OFFER
    return Recorded(
        order_id=row["order_id"],
        decision_id=row["pk"],
        routed_at=row["created_at"],
        inputs=inputs_from_json(row["inputs"]),
        shipped=shipped,
        store_count=store_counts.of(row["profile_id"], row["profile_version"]) if offering else 0,
    )


def _batches(decisions: Any) -> Iterator[list[dict[str, Any]]]:
    """Decisions in pk order, BATCH at a time (keyset pagination: no OFFSET)."""
    after = 0
    while True:
        batch = list(decisions.filter(pk__gt=after).order_by("pk").values(*_FIELDS)[:BATCH])
        if not batch:
            return
        yield batch
        after = batch[-1]["pk"]


def _order_facts(order_ids: list[int]) -> dict[int, tuple[str, str, Decimal]]:
    """order id → (channel, customer tier, order value): what a selector reads."""
    rows = Order.objects.filter(pk__in=order_ids).values_list("pk", "channel__code", "customer__tier", "total")
    return {pk: (channel, tier or "standard", total) for pk, channel, tier, total in rows}


def _static_facts() -> dict[str, StaticFacts]:
    rows = Location.objects.values_list("code", "type", "capabilities", "timezone", "opening_hours", "daily_capacity")
    return {
        code: StaticFacts(kind, frozenset(str(c) for c in capabilities or ()), zone, hours or {}, capacity)
        for code, kind, capabilities, zone, hours, capacity in rows
    }


class _StoreCounts:
    """Stores per bundle of the profile version that routed an order (read once per version)."""

    def __init__(self) -> None:
        self._known: dict[tuple[int | None, int], int] = {}

    def of(self, profile_id: int | None, version: int) -> int:
        key = (profile_id, version)
        if key not in self._known:
            row = RoutingProfileVersion.objects.filter(profile_id=profile_id, number=version).first()
            offers = ProfileSpec.from_json(row.spec).offers if row is not None else OfferSettings()
            self._known[key] = offers.store_count
        return self._known[key]


def _count_unrouted(tally: _Tally, since: datetime, until: datetime) -> None:
    """Orders of the window without a placement decision: nothing shipped, or placed before decisions were kept."""
    placed = Order.objects.filter(created_at__gte=since, created_at__lte=until).exclude(
        Exists(RoutingDecision.objects.filter(order=OuterRef("pk"), reason=PLACED))
    )
    shipped = OrderLine.objects.filter(order=OuterRef("pk"), delivery_method=DeliveryMethod.SHIP)
    tally.skip("not_shipped", placed.exclude(Exists(shipped)).count())
    tally.skip("not_recorded", placed.filter(Exists(shipped)).count())
