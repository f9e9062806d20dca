"""Read models of store work, as the store app and the store-work API show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from crossdock.services.offers.queries import OpenOffer


@dataclass(frozen=True, slots=True)
class QueueItem:
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    customer_name: str
    delivery_method: str
    status: str
    units: int
    skus: list[str]
    destination: str  # the shipping city, or "pickup here"
    created_at: datetime
    ready_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ArrivingItem:
    """Ship to store: units another location ships to this store for a customer's pickup."""

    fulfilment_id: int  # the work at the source; the store receives it under this id
    order_id: int
    channel_order_id: str
    customer_name: str
    source: str  # the code of the location shipping it
    status: str  # assigned … packed (being prepared), in_transit (on its way: receive it on arrival)
    units: int
    skus: list[str]
    since: datetime  # when it was routed here, or shipped

    @property
    def can_receive(self) -> bool:
        return self.status == "in_transit"


@dataclass(frozen=True, slots=True)
class StoreQueue:
    store_code: str
    store_name: str
    in_progress: list[QueueItem]
    ready_for_pickup: list[QueueItem]
    offers: list[OpenOffer] = field(default_factory=list)  # open offers to the store, soonest to expire first
    arriving: list[ArrivingItem] = field(default_factory=list)  # shipped to the store for pickup, oldest first


@dataclass(frozen=True, slots=True)
class PickLine:
    line_id: int
    line_number: int
    sku: str
    name: str
    barcode: str
    image_url: str
    attributes: dict[str, Any]
    quantity: int
    picked: int
    on_hand: int  # at this store: what is physically on its shelves, reserved units included

    @property
    def open(self) -> int:
        return self.quantity - self.picked


@dataclass(frozen=True, slots=True)
class ParcelView:
    number: int
    weight_kg: Decimal | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


@dataclass(frozen=True, slots=True)
class FulfilmentDetail:
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    order_status: str
    store_code: str
    store_name: str
    delivery_method: str
    status: str
    customer_name: str
    customer_email: str
    shipping_address: dict[str, Any] | None
    lines: list[PickLine]
    short_picked: list[tuple[str, int]]  # (sku, units) reported missing
    parcels: list[ParcelView]
    carrier: str = ""
    tracking_number: str = ""
    ready_at: datetime | None = None
    collected_at: datetime | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    ships_to: str = ""  # ship to store: the code of the pickup store this work is shipped to

    @property
    def can_unclaim(self) -> bool:
        """Claimed from an offer and not started: it can still be given back."""
        return self.status == "claimed"

    @property
    def units_left(self) -> int:
        return sum(line.open for line in self.lines)


@dataclass(frozen=True, slots=True)
class CombinedLine:
    sku: str
    name: str
    barcode: str
    on_hand: int
    quantity: int
    picked: int
    orders: list[str]  # channel order ids wanting it


@dataclass(frozen=True, slots=True)
class CombinedPickList:
    store_code: str
    store_name: str
    fulfilment_ids: list[int]
    lines: list[CombinedLine]
