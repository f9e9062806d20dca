"""Why a SKU shows the availability it does: every figure per location and how they add up."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Product
from crossdock.domain.availability import LocationFigures, SkuFigures
from crossdock.domain.errors import UnknownSku
from crossdock.services.inventory.figures import find_channel, network_figures


@dataclass(frozen=True, slots=True)
class LocationExplanation:
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int
    safety_source: str
    available: int
    counts: bool
    excluded_because: str | None
    buffer: int
    channel_available: int
    sellable: int
    working: str


@dataclass(frozen=True, slots=True)
class Explanation:
    sku: str
    channel: str | None
    on_hand: int
    reserved: int
    safety_stock: int
    available: int
    channel_total: int
    queued: int
    threshold: int
    below_threshold: bool
    sellable: int
    locations: list[LocationExplanation]
    working: list[str]


def explain_availability(sku: str, *, channel: str | None) -> Explanation:
    """Every control applied to one SKU, shown step by step. Raises UnknownSku, UnknownChannel."""
    channel_row = find_channel(channel)
    if not Product.objects.filter(sku=sku).exists():
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    figures = network_figures([sku], channel=channel_row.code if channel_row else None).by_sku[sku]
    return Explanation(
        sku=sku,
        channel=figures.channel,
        on_hand=figures.on_hand,
        reserved=figures.reserved,
        safety_stock=sum(f.safety_stock for f in figures.locations),
        available=figures.available,
        channel_total=figures.channel_total,
        queued=figures.queued,
        threshold=figures.threshold,
        below_threshold=figures.below_threshold,
        sellable=figures.sellable,
        locations=[_location(f) for f in figures.locations],
        working=_network_working(figures),
    )


def _location(figures: LocationFigures) -> LocationExplanation:
    return LocationExplanation(
        location=figures.location,
        type=figures.type,
        on_hand=figures.on_hand,
        reserved=figures.reserved,
        safety_stock=figures.safety_stock,
        safety_source=figures.safety_source.value,
        available=figures.available,
        counts=figures.counts,
        excluded_because=figures.exclusion.value if figures.exclusion else None,
        buffer=figures.buffer,
        channel_available=figures.channel_available,
        sellable=figures.sellable,
        working=_location_working(figures),
    )


def _location_working(figures: LocationFigures) -> str:
    text = (
        f"{figures.on_hand} on hand − {figures.reserved} reserved − {figures.safety_stock} safety stock "
        f"({figures.safety_source.value}) = {figures.available} available"
    )
    if figures.exclusion is not None:
        return f"{text}; not counted ({figures.exclusion.value})"
    if figures.buffer:
        text += f"; − {figures.buffer} channel buffer = {figures.channel_available}"
    return text


def _network_working(figures: SkuFigures) -> list[str]:
    counted = [f.location for f in figures.locations if f.counts]
    steps = [f"{figures.channel_total} units at the {len(counted)} locations that count"]
    if figures.queued:
        steps.append(f"− {figures.queued} owed to waiting backorders and pre-orders")
    if figures.threshold:
        left = max(0, figures.channel_total - figures.queued)
        verdict = "below it: out of stock" if figures.below_threshold else "at or above it"
        steps.append(f"{left} against a threshold of {figures.threshold}: {verdict}")
    steps.append(f"= {figures.sellable} sellable")
    return steps
