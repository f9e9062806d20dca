"""What a shop asks of a cart, and the rows its lines resolve to."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from crossdock.db.models import Channel, Location, Product
from crossdock.domain.carts import check_cart_lines
from crossdock.domain.errors import CapabilityMissing, StockBlocked, UnknownChannel, UnknownLocation, UnknownSku
from crossdock.domain.locations import Capability, LocationType
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.inventory.controls import load_blocks

DEFAULT_TTL_SECONDS = 15 * 60


def default_ttl_seconds() -> int:
    """CROSSDOCK_CART_TTL_SECONDS in the settings, else 15 minutes."""
    return int(getattr(settings, "CROSSDOCK_CART_TTL_SECONDS", DEFAULT_TTL_SECONDS))


@dataclass(frozen=True, slots=True)
class CartRequest:
    channel: str
    lines: list[RequestedLine]
    customer_ref: str = ""
    ttl_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class ResolvedLines:
    lines: list[RequestedLine]
    products: dict[str, Product]
    stores: dict[str, Location]


def find_cart_channel(code: str) -> Channel:
    channel = Channel.objects.filter(code=code).first()
    if channel is None:
        raise UnknownChannel(f"unknown channel {code!r}", field="channel")
    return channel


def resolve_cart_lines(lines: list[RequestedLine]) -> ResolvedLines:
    """Check the lines and find their products and stores. Raises InvalidInput, DuplicateLine, UnknownSku,
    UnknownLocation, CapabilityMissing, StockBlocked (a SKU out of sale, or out of sale at the named store)."""
    check_cart_lines(lines)
    products = {p.sku: p for p in Product.objects.filter(sku__in={line.sku for line in lines}, active=True)}
    codes = {line.location for line in lines if line.location}
    stores = {loc.code: loc for loc in Location.objects.filter(code__in=codes, active=True)}
    blocks = load_blocks({line.sku for line in lines})
    for index, line in enumerate(lines):
        if line.sku not in products:
            raise UnknownSku(f"unknown sku {line.sku!r}", field=f"lines[{index}].sku")
        if line.sku in blocks.skus:
            raise StockBlocked(f"{line.sku} is taken out of sale", field=f"lines[{index}].sku")
        if line.location is None:
            continue
        store = stores.get(line.location)
        if store is None:
            raise UnknownLocation(f"unknown location {line.location!r}", field=f"lines[{index}].location")
        _check_store(index, line, store)
        if blocks.blocks(store.pk, line.sku):
            raise StockBlocked(f"{line.sku} is out of sale at {store.code}", field=f"lines[{index}].sku")
    return ResolvedLines(lines=lines, products=products, stores=stores)


def _check_store(index: int, line: RequestedLine, store: Location) -> None:
    if line.delivery_method == DeliveryMethod.PICKUP and Capability.PICKUP not in store.capabilities:
        raise CapabilityMissing(f"{store.code} does not offer pickup", field=f"lines[{index}].location")
    if line.delivery_method == DeliveryMethod.CARRY_OUT and store.type != LocationType.STORE:
        raise CapabilityMissing(f"{store.code} is not a store", field=f"lines[{index}].location")
