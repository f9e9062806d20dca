"""Availability on a future date: what a channel may sell now, plus free supply arriving by then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crossdock.db.models import Location, Product
from crossdock.domain.controls import ChannelRules
from crossdock.domain.errors import UnknownSku
from crossdock.domain.supply import arriving_by
from crossdock.services.inventory.controls import load_blocks, load_channel_rules
from crossdock.services.inventory.figures import find_channel, network_figures
from crossdock.services.supply.open_supply import open_supply


@dataclass(frozen=True, slots=True)
class LocationFuture:
    location: str
    available_now: int
    arriving: int
    available_on: int


@dataclass(frozen=True, slots=True)
class FutureAvailability:
    sku: str
    channel: str | None
    on: date
    available_now: int
    arriving: int
    available_on: int
    locations: list[LocationFuture]


def future_availability(sku: str, *, on: date, channel: str | None = None) -> FutureAvailability:
    """Per location and network: sellable now (every control applied) + open supply not yet promised to
    waiting lines whose ETA is on or before `on`. Raises UnknownSku, UnknownChannel."""
    channel_row = find_channel(channel)
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    figures = network_figures([sku], channel=channel).by_sku[sku]
    now = {f.location_id: (f.sellable if channel_row else f.available) for f in figures.locations}
    supplies = open_supply([product.pk]).get(product.pk, [])
    rules = load_channel_rules(channel_row, skus=[sku], categories=[product.category]) if channel_row else None
    blocks = load_blocks([sku])
    usable = [
        s for s in supplies if not blocks.blocks(s.location_id, sku) and _sells(rules, s.location_id, s.location_type)
    ]
    arriving = arriving_by([s.arrival() for s in usable], on)
    codes = dict(Location.objects.filter(pk__in={*now, *arriving}).values_list("pk", "code"))
    locations = [
        LocationFuture(codes[pk], now.get(pk, 0), arriving.get(pk, 0), now.get(pk, 0) + arriving.get(pk, 0))
        for pk in sorted({*now, *arriving}, key=lambda pk: codes[pk])
    ]
    return FutureAvailability(
        sku=sku,
        channel=channel,
        on=on,
        available_now=sum(now.values()),
        arriving=sum(arriving.values()),
        available_on=sum(now.values()) + sum(arriving.values()),
        locations=locations,
    )


def _sells(rules: ChannelRules | None, location_id: int, location_type: str) -> bool:
    return rules is None or rules.exclusion(location_id, location_type) is None
