"""Read positions and controls, and let the domain work out each SKU's figures for a channel."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Channel, StockPosition
from crossdock.domain.availability import PositionCount, SkuFigures, sku_figures
from crossdock.domain.errors import UnknownChannel, UnknownSku
from crossdock.services.inventory.control_query import ReadControls, read_controls
from crossdock.services.inventory.queue import queued_from


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


def network_figures(skus: list[str], *, channel: str | None) -> NetworkFigures:
    """Every control applied to the SKUs' positions at active locations: two queries (controls, positions),
    three when lines wait for one of the SKUs. Raises UnknownSku (field `skus[i]`), UnknownChannel."""
    read = read_controls(skus, channel_code=channel)
    if channel is not None and read.channel_id is None:
        raise UnknownChannel(f"unknown channel {channel!r}", field="channel")
    for index, sku in enumerate(skus):
        if sku not in read.product_ids:
            raise UnknownSku(f"unknown sku {sku!r}", field=f"skus[{index}]")
    return _figures(skus, read)


def _figures(skus: list[str], read: ReadControls) -> NetworkFigures:
    sku_of = {product_id: sku for sku, product_id in read.product_ids.items()}
    queued = queued_from(read.waiting, sku_of)
    per_sku: dict[str, list[PositionCount]] = {sku: [] for sku in skus}
    coordinates: dict[int, tuple[float, float]] = {}
    rows = StockPosition.objects.filter(product_id__in=list(sku_of), location__active=True).values_list(
        "product_id",
        "location_id",
        "location__code",
        "location__type",
        "location__latitude",
        "location__longitude",
        "on_hand",
        "reserved",
        "safety_stock",
    )
    for product_id, location_id, code, kind, latitude, longitude, on_hand, reserved, safety in rows:
        per_sku[sku_of[product_id]].append(PositionCount(location_id, code, kind, on_hand, reserved, safety))
        coordinates[location_id] = (latitude, longitude)
    controls = read.controls
    by_sku = {
        sku: sku_figures(
            sku,
            read.categories.get(sku, ""),
            positions,
            safety=controls.safety,
            channel=controls.channel,
            blocks=controls.blocks,
            queued=queued.get(sku, 0),
        )
        for sku, positions in per_sku.items()
    }
    return NetworkFigures(by_sku=by_sku, coordinates=coordinates)
