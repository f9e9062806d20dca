"""Network visibility of one SKU: on hand, reserved, available, in transit, on order and pre-orderable,
per location and in total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from crossdock.db.models import Product
from crossdock.domain.errors import UnknownSku
from crossdock.services import clock
from crossdock.services.inventory.figures import network_figures
from crossdock.services.supply.open_supply import open_supply
from crossdock.services.waiting.settings import list_preorder_windows


@dataclass(frozen=True, slots=True)
class LocationPicture:
    location: str
    on_hand: int
    reserved: int
    available: int
    in_transit: int
    on_order: int


@dataclass(frozen=True, slots=True)
class NetworkPicture:
    sku: str
    on_hand: int
    reserved: int
    available: int
    in_transit: int
    on_order: int
    preorderable: int
    locations: list[LocationPicture]


def network_picture(sku: str) -> NetworkPicture:
    """`available` applies safety stock (no channel's controls); `in_transit`/`on_order` count open supply
    dispatched / not yet dispatched, at its destination; `preorderable` is what the open pre-order window
    may still take, bounded by free supply. Raises UnknownSku."""
    product = Product.objects.filter(sku=sku).first()
    if product is None:
        raise UnknownSku(f"unknown sku {sku!r}", field="sku")
    figures = network_figures([sku], channel=None).by_sku[sku]
    supplies = open_supply([product.pk]).get(product.pk, [])
    moving: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for supply in supplies:
        moving[supply.location][0 if supply.dispatched else 1] += supply.open
    stock = {f.location: (f.on_hand, f.reserved, f.available) for f in figures.locations}
    locations = [
        LocationPicture(code, *stock.get(code, (0, 0, 0)), *moving.get(code, [0, 0]))
        for code in sorted({*stock, *moving})
    ]
    return NetworkPicture(
        sku=sku,
        on_hand=figures.on_hand,
        reserved=figures.reserved,
        available=figures.available,
        in_transit=sum(p.in_transit for p in locations),
        on_order=sum(p.on_order for p in locations),
        preorderable=_preorderable(sku, sum(s.free for s in supplies)),
        locations=locations,
    )


def _preorderable(sku: str, free_supply: int) -> int:
    now = clock.now()
    open_windows = [w for w in list_preorder_windows(sku) if w.starts_at <= now < w.ends_at]
    return min(free_supply, sum(max(0, w.cap - w.preordered) for w in open_windows))
