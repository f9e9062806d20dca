"""What one SKU is available as, per location and across the network, for a channel.

The figures add up in this order (see docs/inventory.md):

  available  = max(0, on_hand − reserved − safety_stock)          per location, safety stock by precedence
  channel    = max(0, available − buffer)                         if the location counts for the channel
             = 0                                                  if it does not, or is blocked
  total      = Σ channel − queued                                 units waiting lines have first claim on
  sellable   = 0 if total < threshold else total                  the channel's out-of-stock threshold

`queued` (backordered and pre-ordered units waiting for stock) is taken from the locations in
location order, so the per-location sellable figures always add up to the sellable total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crossdock.domain.controls import Blocks, ChannelRules, Exclusion, SafetySource, SafetyStock, SafetyStockRules


@dataclass(frozen=True, slots=True)
class PositionCount:
    """One position as stored: `safety_stock` is the position's own setting (0: none of its own)."""

    location_id: int
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int = 0
    named: bool = False  # the store a pickup or carry-out line names: only an explicit exclude removes it


@dataclass(frozen=True, slots=True)
class LocationFigures:
    location_id: int
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int
    safety_source: SafetySource
    available: int
    exclusion: Exclusion | None
    buffer: int
    channel_available: int
    sellable: int
    holdback: int  # what a reservation for the channel must leave beyond the position's own safety stock

    @property
    def counts(self) -> bool:
        return self.exclusion is None


@dataclass(frozen=True, slots=True)
class SkuFigures:
    sku: str
    channel: str | None
    locations: tuple[LocationFigures, ...]
    channel_total: int
    queued: int
    threshold: int
    sellable: int

    @property
    def on_hand(self) -> int:
        return sum(figures.on_hand for figures in self.locations)

    @property
    def reserved(self) -> int:
        return sum(figures.reserved for figures in self.locations)

    @property
    def available(self) -> int:
        return sum(figures.available for figures in self.locations)

    @property
    def below_threshold(self) -> bool:
        return self.threshold > 0 and max(0, self.channel_total - self.queued) < self.threshold

    def sellable_at(self) -> dict[int, int]:
        return {figures.location_id: figures.sellable for figures in self.locations}


def sku_figures(
    sku: str,
    category: str,
    positions: Iterable[PositionCount],
    *,
    safety: SafetyStockRules,
    channel: ChannelRules | None,
    blocks: Blocks,
    queued: int = 0,
) -> SkuFigures:
    """Apply every control to the positions of one SKU. Pure: the same input, the same figures."""
    controlled = [
        _controlled(position, sku, category, safety=safety, channel=channel, blocks=blocks)
        for position in sorted(positions, key=lambda p: p.location_id)
    ]
    total = sum(c.channel_available for c in controlled)
    threshold = channel.threshold_for(sku, category) if channel else 0
    left = max(0, total - queued)
    sellable = 0 if left < threshold else left
    spread = _spread([c.channel_available for c in controlled], sellable=sellable, queued=queued)
    return SkuFigures(
        sku=sku,
        channel=channel.code if channel else None,
        locations=tuple(c.figures(units) for c, units in zip(controlled, spread, strict=True)),
        channel_total=total,
        queued=queued,
        threshold=threshold,
        sellable=sellable,
    )


@dataclass(frozen=True, slots=True)
class _Controlled:
    """One position with every per-location control applied; its sellable units depend on the others."""

    position: PositionCount
    safety: SafetyStock
    available: int
    exclusion: Exclusion | None
    buffer: int
    channel_available: int

    def figures(self, sellable: int) -> LocationFigures:
        position = self.position
        return LocationFigures(
            location_id=position.location_id,
            location=position.location,
            type=position.type,
            on_hand=position.on_hand,
            reserved=position.reserved,
            safety_stock=self.safety.quantity,
            safety_source=self.safety.source,
            available=self.available,
            exclusion=self.exclusion,
            buffer=self.buffer,
            channel_available=self.channel_available,
            sellable=sellable,
            holdback=max(0, self.safety.quantity - position.safety_stock) + self.buffer,
        )


def _controlled(
    position: PositionCount,
    sku: str,
    category: str,
    *,
    safety: SafetyStockRules,
    channel: ChannelRules | None,
    blocks: Blocks,
) -> _Controlled:
    resolved = safety.resolve(
        own=position.safety_stock, location_id=position.location_id, location_type=position.type, category=category
    )
    available = max(0, position.on_hand - position.reserved - resolved.quantity)
    exclusion = _exclusion(position, sku, channel, blocks)
    buffer = channel.buffer(position.location_id, position.type) if channel else 0
    channel_available = 0 if exclusion else max(0, available - buffer)
    return _Controlled(position, resolved, available, exclusion, buffer, channel_available)


def _exclusion(position: PositionCount, sku: str, channel: ChannelRules | None, blocks: Blocks) -> Exclusion | None:
    if blocks.blocks(position.location_id, sku):
        return Exclusion.BLOCKED
    if channel is None:
        return None
    return channel.exclusion(position.location_id, position.type, named=position.named)


def _spread(channel_available: list[int], *, sellable: int, queued: int) -> list[int]:
    """Per-location sellable units: none when the total is nothing, else the queue's claim taken in order."""
    if sellable == 0:
        return [0] * len(channel_available)
    claim = queued
    spread = []
    for units in channel_available:
        taken = min(claim, units)
        claim -= taken
        spread.append(units - taken)
    return spread
