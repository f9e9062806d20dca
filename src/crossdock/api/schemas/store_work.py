from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import PositiveQuantity, StrictSchema

Text = Annotated[str, Field(max_length=120)]


class StoreOut(Schema):
    id: int
    code: str
    name: str


class QueueItemOut(Schema):
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    customer_name: str
    delivery_method: str
    status: str
    units: int
    skus: list[str]
    destination: str
    created_at: datetime
    ready_at: datetime | None


class OfferItemOut(Schema):
    sku: str
    name: str
    quantity: int
    on_hand: int


class StoreOfferOut(Schema):
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    round: int
    delivery_method: str
    destination_city: str
    offered_at: datetime
    expires_at: datetime
    items: list[OfferItemOut]


class ArrivingOut(Schema):
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    customer_name: str
    source: str
    status: str
    units: int
    skus: list[str]
    since: datetime
    can_receive: bool


class QueueOut(Schema):
    store_code: str
    store_name: str
    offers: list[StoreOfferOut]
    in_progress: list[QueueItemOut]
    ready_for_pickup: list[QueueItemOut]
    arriving: list[ArrivingOut]


class PickLineOut(Schema):
    line_id: int
    line_number: int
    sku: str
    name: str
    barcode: str
    quantity: int
    picked: int
    on_hand: int


class ParcelOut(Schema):
    number: int
    weight_kg: Decimal | None


class TimelineOut(Schema):
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


class FulfilmentDetailOut(Schema):
    fulfilment_id: int
    order_id: int
    channel_order_id: str
    order_status: str
    store_code: str
    delivery_method: str
    status: str
    customer_name: str
    lines: list[PickLineOut]
    parcels: list[ParcelOut]
    carrier: str
    tracking_number: str
    ready_at: datetime | None
    collected_at: datetime | None
    timeline: list[TimelineOut]


class StepOut(Schema):
    fulfilment_id: int
    order_id: int
    status: str
    replayed: bool


class ReceivedOut(Schema):
    fulfilment_id: int
    order_id: int
    status: str
    pickup_fulfilment_id: int


class PickIn(StrictSchema):
    """A scanned `barcode` (or SKU), or the tapped `line_id`."""

    barcode: Annotated[str, Field(max_length=64)] = ""
    line_id: StrictInt | None = None
    quantity: PositiveQuantity = 1


class PickOut(Schema):
    fulfilment_id: int
    sku: str
    name: str
    picked: int
    quantity: int
    list_complete: bool


class ShortPickIn(StrictSchema):
    line_id: StrictInt
    missing: PositiveQuantity
    reason: Annotated[str, Field(max_length=500)] = "not found on the shelf"


class ParcelIn(StrictSchema):
    weight_kg: Decimal | None = Field(default=None, gt=0, le=70, decimal_places=3)


class PackIn(StrictSchema):
    parcels: list[ParcelIn] = Field(min_length=1, max_length=50)


class ShipIn(StrictSchema):
    carrier: Annotated[str, Field(min_length=1, max_length=60)]
    tracking_number: Annotated[str, Field(min_length=1, max_length=80)]


class HandoverIn(StrictSchema):
    code: Annotated[str, Field(max_length=12)] = ""
    name: Text = ""


class UnclaimIn(StrictSchema):
    """Why the store gives the work back: out_of_stock (also corrects its stock), damaged, no_capacity, other."""

    reason: Annotated[str, Field(max_length=40)]
    note: Annotated[str, Field(max_length=500)] = ""
