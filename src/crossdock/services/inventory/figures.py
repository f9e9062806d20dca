"""Read positions and controls, and let the domain work out each SKU's figures for a channel."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Channel, Product, StockPosition
from crossdock.domain.availability import PositionCount, SkuFigures, sku_figures
from crossdock.domain.errors import UnknownChannel
from crossdock.services.inventory.controls import load_controls
from crossdock.services.inventory.queue import queued_units


@dataclass(frozen=True, slots=True)
class NetworkFigures:
    by_sku: dict[str, SkuFigures]
    coordinates: dict[int, tuple[float, float]]  # location id → (latitude, longitude)


def find_channel(code: str | None) -> Channel | None:
    """The channel of that code, None for no code. Raises UnknownChannel."""
    if code is None:
        return None
    channel = Channel.objects.filter(code=code).first()
    if channel is None:
        raise UnknownChannel(f"unknown channel {code!r}", field="channel")
    return channel


def network_figures(
    skus: list[str], *, channel: Channel | None, categories: dict[str, str] | None = None
) -> NetworkFigures:
    """Every control applied to the SKUs' positions at active locations (the SKUs must exist).
    `categories` (sku → category) when the caller has read them already."""
    if categories is None:
        categories = dict(Product.objects.filter(sku__in=skus).values_list("sku", "category"))
    controls = load_controls(channel=channel, skus=skus, categories=set(categories.values()))
    queued = queued_units(skus)
    per_sku: dict[str, list[PositionCount]] = {sku: [] for sku in skus}
    coordinates: dict[int, tuple[float, float]] = {}
    rows = StockPosition.objects.filter(product__sku__in=skus, location__active=True).values_list(
        "product__sku",
        "location_id",
        "location__code",
        "location__type",
        "location__latitude",
        "location__longitude",
        "on_hand",
        "reserved",
        "safety_stock",
    )
    for sku, location_id, code, kind, latitude, longitude, on_hand, reserved, safety in rows:
        per_sku[sku].append(PositionCount(location_id, code, kind, on_hand, reserved, safety))
        coordinates[location_id] = (latitude, longitude)
    by_sku = {
        sku: sku_figures(
            sku,
            categories.get(sku, ""),
            positions,
            safety=controls.safety,
            channel=controls.channel,
            blocks=controls.blocks,
            queued=queued.get(sku, 0),
        )
        for sku, positions in per_sku.items()
    }
    return NetworkFigures(by_sku=by_sku, coordinates=coordinates)
