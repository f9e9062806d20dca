"""What is available where: per location, across the network, and as a channel sees it."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.domain.availability import LocationFigures, SkuFigures
from crossdock.domain.errors import InvalidInput
from crossdock.domain.geo import haversine_km
from crossdock.services.inventory.figures import network_figures

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
    network = network_figures(skus, channel=channel)
    return [_summarise(network.by_sku[sku], network.coordinates, near) for sku in skus]


def _located(
    figures: LocationFigures, coordinates: dict[int, tuple[float, float]], near: tuple[float, float] | None
) -> LocationAvailability:
    latitude, longitude = coordinates[figures.location_id]
    return LocationAvailability(
        location=figures.location,
        type=figures.type,
        on_hand=figures.on_hand,
        reserved=figures.reserved,
        safety_stock=figures.safety_stock,
        available=figures.available,
        distance_km=round(haversine_km(latitude, longitude, *near), 1) if near else None,
        counts_for_channel=figures.counts,
    )


def _summarise(
    figures: SkuFigures, coordinates: dict[int, tuple[float, float]], near: tuple[float, float] | None
) -> SkuAvailability:
    """Controls (safety stock rules, channel locations, buffers, blocks, thresholds) as domain/availability.py says."""
    locations = [_located(located, coordinates, near) for located in figures.locations]
    locations.sort(key=lambda a: (a.distance_km if a.distance_km is not None else 0.0, a.location))
    return SkuAvailability(
        sku=figures.sku,
        on_hand=figures.on_hand,
        reserved=figures.reserved,
        available=figures.available,
        channel=figures.channel,
        channel_available=figures.sellable if figures.channel else None,
        locations=locations,
    )
