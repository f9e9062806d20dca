"""The stock an order may be served from, as its channel sees it: every inventory control applied.

The same math as the availability API (domain/availability.py), so a channel can never be sold
what its controls hide. Each position also gets a `holdback`: the units a reservation for this
channel must leave on top of the position's own safety stock (rule-based safety stock, buffer),
enforced by the conditional UPDATE that reserves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.db.models import F, Q

from crossdock.db.models import Channel, StockPosition
from crossdock.domain.availability import PositionCount, sku_figures
from crossdock.domain.controls import ChannelRules
from crossdock.domain.locations import Capability, LocationType, Site
from crossdock.services.inventory.control_query import read_controls
from crossdock.services.inventory.controls import ControlSet
from crossdock.services.inventory.queue import queued_from

LOCATION_FIELDS = (
    "location_id",
    "location__code",
    "location__type",
    "location__latitude",
    "location__longitude",
    "location__capabilities",
)
Row = tuple[int, int, int, int, int, int, str, str, float, float, list[str]]


@dataclass(frozen=True, slots=True)
class ChannelStock:
    sites: list[Site]
    position_ids: dict[tuple[int, str], int]
    available: dict[tuple[int, str], int]
    holdback: dict[int, int]  # position id → units to leave beyond its own safety stock


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidate positions as read (locked or not) and the controls: what ChannelStock is computed from."""

    rows: list[Row]
    sku_of: dict[int, str]
    categories: dict[str, str]
    controls: ControlSet
    rules: ChannelRules
    queued: dict[str, int]
    store_ids: frozenset[int]

    def stock(self, taken: Mapping[int, int] | None = None) -> ChannelStock:
        """The figures; `taken`: units this transaction has reserved since the rows were read (position id →
        units) — exact only while the rows are locked."""
        taken = taken or {}
        sites: dict[int, Site] = {}
        position_ids: dict[tuple[int, str], int] = {}
        counts: dict[str, list[PositionCount]] = defaultdict(list)
        for pk, product_id, on_hand, reserved, safety, location_id, code, kind, lat, lon, capabilities in self.rows:
            site = sites.get(location_id) or sites.setdefault(
                location_id, _site(location_id, code, kind, lat, lon, capabilities)
            )
            sku = self.sku_of[product_id]
            position_ids[(site.id, sku)] = pk
            named = site.id in self.store_ids
            counts[sku].append(
                PositionCount(site.id, site.code, site.type, on_hand, reserved + taken.get(pk, 0), safety, named=named)
            )
        available, holdback = self._apply(counts, position_ids)
        serving = [site for site in sites.values() if self.rules.exclusion(site.id, site.type) is None]
        return ChannelStock(sites=serving, position_ids=position_ids, available=available, holdback=holdback)

    def _apply(
        self, counts: dict[str, list[PositionCount]], position_ids: dict[tuple[int, str], int]
    ) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
        available: dict[tuple[int, str], int] = {}
        holdback: dict[int, int] = {}
        for sku, positions in counts.items():
            figures = sku_figures(
                sku,
                self.categories.get(sku, ""),
                positions,
                safety=self.controls.safety,
                channel=self.rules,
                blocks=self.controls.blocks,
                queued=self.queued.get(sku, 0),
            )
            for located in figures.locations:
                available[(located.location_id, sku)] = located.sellable
                holdback[position_ids[(located.location_id, sku)]] = located.holdback
        return available, holdback


def channel_stock(
    *, channel: Channel, product_ids: dict[str, int], store_ids: Collection[int], lock: bool, queue_first: bool = True
) -> ChannelStock:
    """Positions of the products at the channel's locations and the named stores, with controls applied."""
    return read_candidates(
        channel=channel, product_ids=product_ids, store_ids=store_ids, lock=lock, queue_first=queue_first
    ).stock()


def read_candidates(
    *, channel: Channel, product_ids: dict[str, int], store_ids: Collection[int], lock: bool, queue_first: bool = True
) -> Candidates:
    """Locked (or when a threshold or a backorder queue makes the SKU's network total matter), every
    candidate row is taken FOR UPDATE in pk order: a network-wide rule is exact only if no other
    capture of the SKU can move between our read and our commit. `queue_first`: units owed to waiting
    lines are kept from new demand (off only for the worker that serves those lines). Two queries
    (controls, positions), three when lines wait for one of the SKUs."""
    skus = list(product_ids)
    read = read_controls(skus, channel_code=channel.code)
    sku_of = {product_id: sku for sku, product_id in product_ids.items()}
    # The worker serving the queue itself sees all of it.
    queued = queued_from(read.waiting, sku_of) if queue_first else {}
    rules = read.controls.channel or ChannelRules(channel.code)
    lock = lock or any(queued.values()) or any(rules.threshold_for(sku, read.categories.get(sku, "")) for sku in skus)
    return Candidates(
        rows=_candidate_rows(rules, product_ids, store_ids, lock),
        sku_of=sku_of,
        categories=read.categories,
        controls=read.controls,
        rules=rules,
        queued=queued,
        store_ids=frozenset(store_ids),
    )


def _candidate_rows(
    rules: ChannelRules, product_ids: dict[str, int], store_ids: Collection[int], lock: bool
) -> list[Row]:
    types = rules.location_types or frozenset(t.value for t in LocationType)
    candidates = (
        Q(location__active=True, location__type__in=types)
        | Q(location__active=True, location_id__in=list(rules.included))
        | Q(location_id__in=list(store_ids))
    )
    positions = StockPosition.objects.filter(candidates, product_id__in=list(product_ids.values()))
    if lock:
        positions = positions.select_for_update(of=("self",)).order_by("pk")
    else:
        positions = positions.filter(on_hand__gt=F("reserved") + F("safety_stock"))
    return list(positions.values_list("id", "product_id", "on_hand", "reserved", "safety_stock", *LOCATION_FIELDS))


def _site(pk: int, code: str, kind: str, latitude: float, longitude: float, capabilities: list[str]) -> Site:
    return Site(
        id=pk,
        code=code,
        type=LocationType(kind),
        latitude=latitude,
        longitude=longitude,
        capabilities=frozenset(Capability(c) for c in capabilities),
    )
