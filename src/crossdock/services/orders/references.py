"""Turn the codes in an order request into rows, or say which field names something unknown."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Channel, Location, Product
from crossdock.domain.errors import CapabilityMissing, InvalidInput, UnknownChannel, UnknownLocation, UnknownSku
from crossdock.domain.locations import Capability, LocationType
from crossdock.domain.orders import DeliveryMethod
from crossdock.services.orders.commands import OrderRequest


@dataclass(frozen=True, slots=True)
class References:
    channel: Channel
    products: dict[str, Product]
    stores: dict[str, Location]


def resolve_references(request: OrderRequest) -> References:
    channel = Channel.objects.filter(code=request.channel).first()
    if channel is None:
        raise UnknownChannel(f"unknown channel {request.channel!r}", field="channel")
    skus = {priced.line.sku for priced in request.lines}
    products = {p.sku: p for p in Product.objects.filter(sku__in=skus, active=True)}
    codes = {priced.line.location for priced in request.lines if priced.line.location}
    stores = {loc.code: loc for loc in Location.objects.filter(code__in=codes, active=True)}
    for index, priced in enumerate(request.lines):
        _check_line_references(
            index,
            priced.line.sku,
            priced.line.location,
            priced.line.delivery_method,
            products=products,
            stores=stores,
            currency=request.currency,
        )
    return References(channel=channel, products=products, stores=stores)


def _check_line_references(
    index: int,
    sku: str,
    location_code: str | None,
    method: DeliveryMethod,
    *,
    products: dict[str, Product],
    stores: dict[str, Location],
    currency: str,
) -> None:
    product = products.get(sku)
    if product is None:
        raise UnknownSku(f"unknown sku {sku!r}", field=f"lines[{index}].sku")
    if product.currency != currency:
        raise InvalidInput(f"{sku} is priced in {product.currency}, the order in {currency}", field="currency")
    if location_code is None:
        return
    location = stores.get(location_code)
    if location is None:
        raise UnknownLocation(f"unknown location {location_code!r}", field=f"lines[{index}].location")
    if method == DeliveryMethod.PICKUP and Capability.PICKUP not in location.capabilities:
        raise CapabilityMissing(f"{location_code} does not offer pickup", field=f"lines[{index}].location")
    if method == DeliveryMethod.CARRY_OUT and location.type != LocationType.STORE:
        raise CapabilityMissing(f"{location_code} is not a store", field=f"lines[{index}].location")
