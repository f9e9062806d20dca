"""What a store is offered right now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crossdock.db.models import FulfilmentLine, FulfilmentOrder, Location, StockPosition
from crossdock.domain.errors import UnknownLocation
from crossdock.domain.fulfilment import FulfilmentStatus


@dataclass(frozen=True, slots=True)
class OfferedItem:
    sku: str
    name: str
    quantity: int
    on_hand: int = 0  # at the offered store: what its staff can count on the shelf, reserved units included


@dataclass(frozen=True, slots=True)
class OpenOffer:
    fulfilment_id: int
    order_id: int
    round: int
    delivery_method: str
    offered_at: datetime
    expires_at: datetime
    destination_city: str
    items: list[OfferedItem]
    channel_order_id: str = ""


def open_offers(location: str) -> list[OpenOffer]:
    """The store's open offers, soonest to expire first. Raises UnknownLocation."""
    location_id = Location.objects.filter(code=location).values_list("pk", flat=True).first()
    if location_id is None:
        raise UnknownLocation(f"unknown location {location!r}", field="location")
    offered = list(
        FulfilmentOrder.objects.filter(location_id=location_id, status=FulfilmentStatus.OFFERED)
        .select_related("offer_round", "order")
        .order_by("offer_round__expires_at", "pk")
    )
    items: dict[int, list[OfferedItem]] = {f.pk: [] for f in offered}
    rows = list(
        FulfilmentLine.objects.filter(fulfilment__in=offered).values_list(
            "fulfilment_id", "order_line__sku", "order_line__product__name", "quantity", "order_line__product_id"
        )
    )
    on_hand = dict(
        StockPosition.objects.filter(location_id=location_id, product_id__in={row[4] for row in rows}).values_list(
            "product_id", "on_hand"
        )
    )
    for fulfilment_id, sku, name, quantity, product_id in rows:
        items[fulfilment_id].append(OfferedItem(sku, name, quantity, on_hand.get(product_id, 0)))
    return [
        OpenOffer(
            fulfilment_id=f.pk,
            order_id=f.order_id,
            round=f.offer_round.number if f.offer_round else 0,
            delivery_method=f.delivery_method,
            offered_at=f.offer_round.opened_at if f.offer_round else f.created_at,
            expires_at=f.offer_round.expires_at if f.offer_round else f.created_at,
            destination_city=str((f.order.shipping_address or {}).get("city", "")),
            items=items[f.pk],
            channel_order_id=f.order.channel_order_id,
        )
        for f in offered
    ]
