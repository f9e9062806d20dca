"""What is available where: per location, across the network, and as a channel sees it."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Channel, Product, StockPosition
from crossdock.domain.errors import InvalidInput, UnknownChannel, UnknownSku
from crossdock.domain.geo import haversine_km
from crossdock.domain.stock import StockLevel

MAX_SKUS = 100


@dataclass(frozen=True, slots=True)
class LocationAvailability:
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int
    available: int
    distance_km: float | None
    counts_for_channel: bool


@dataclass(frozen=True, slots=True)
class SkuAvailability:
    sku: str
    on_hand: int
    reserved: int
    available: int
    channel: str | None
    channel_available: int | None
    locations: list[LocationAvailability]


def get_availability(
    skus: list[str], *, channel: str | None = None, near: tuple[float, float] | None = None
) -> list[SkuAvailability]:
    """Stock of each SKU at every active location, nearest first when `near` is given.

    Raises InvalidInput (no SKUs, too many), UnknownSku, UnknownChannel.
    """
    if not skus or len(skus) > MAX_SKUS:
        raise InvalidInput(f"ask for 1 to {MAX_SKUS} SKUs", field="skus")
    channel_types = _channel_types(channel)
    known = set(Product.objects.filter(sku__in=skus).values_list("sku", flat=True))
    for index, sku in enumerate(skus):
        if sku not in known:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"skus[{index}]")
    rows = StockPosition.objects.filter(product__sku__in=skus, location__active=True).values_list(
        "product__sku",
        "location__code",
        "location__type",
        "location__latitude",
        "location__longitude",
        "on_hand",
        "reserved",
        "safety_stock",
    )
    per_sku: dict[str, list[LocationAvailability]] = {sku: [] for sku in skus}
    for sku, code, kind, latitude, longitude, on_hand, reserved, safety in rows:
        per_sku[sku].append(
            LocationAvailability(
                location=code,
                type=kind,
                on_hand=on_hand,
                reserved=reserved,
                safety_stock=safety,
                available=StockLevel(on_hand, reserved, safety).available,
                distance_km=round(haversine_km(latitude, longitude, *near), 1) if near else None,
                counts_for_channel=channel_types is None or kind in channel_types,
            )
        )
    return [_summarise(sku, per_sku[sku], channel) for sku in skus]


def _channel_types(channel: str | None) -> set[str] | None:
    if channel is None:
        return None
    found = Channel.objects.filter(code=channel).values_list("location_types", flat=True).first()
    if found is None:
        raise UnknownChannel(f"unknown channel {channel!r}", field="channel")
    return set(found) if found else None


def _summarise(sku: str, locations: list[LocationAvailability], channel: str | None) -> SkuAvailability:
    locations.sort(key=lambda a: (a.distance_km if a.distance_km is not None else 0.0, a.location))
    return SkuAvailability(
        sku=sku,
        on_hand=sum(a.on_hand for a in locations),
        reserved=sum(a.reserved for a in locations),
        available=sum(a.available for a in locations),
        channel=channel,
        channel_available=sum(a.available for a in locations if a.counts_for_channel) if channel else None,
        locations=locations,
    )
