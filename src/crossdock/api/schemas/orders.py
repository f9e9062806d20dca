from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from crossdock.api.schemas.common import Code, Latitude, Longitude, PositiveQuantity, StrictSchema
from crossdock.domain.orders import DeliveryMethod

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Price = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class AddressIn(StrictSchema):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    line1: Annotated[str, Field(min_length=1, max_length=200)]
    line2: str = ""
    city: Annotated[str, Field(min_length=1, max_length=120)]
    postcode: Annotated[str, Field(max_length=20)] = ""
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    latitude: Latitude | None = None
    longitude: Longitude | None = None


class CustomerIn(StrictSchema):
    id: Annotated[str, Field(max_length=64)] | None = None
    email: Annotated[str, Field(max_length=254)] = ""
    name: Annotated[str, Field(max_length=200)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""


class OrderLineIn(StrictSchema):
    sku: Code
    quantity: PositiveQuantity
    delivery_method: DeliveryMethod = DeliveryMethod.SHIP
    location: Code | None = Field(None, description="store code for pickup and carry_out lines")
    unit_price: Price | None = Field(None, description="the price sold at; the catalogue price if omitted")


class OrderIn(StrictSchema):
    channel: Code
    channel_order_id: Annotated[str, Field(min_length=1, max_length=100)]
    currency: Currency = "USD"
    customer: CustomerIn = CustomerIn()
    shipping_address: AddressIn | None = None
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=200)]
    allow_unallocated: bool = Field(False, description="accept lines that cannot be reserved now")


class CancelIn(StrictSchema):
    reason: Annotated[str, Field(min_length=1, max_length=500)]
    lines: list[int] | None = Field(None, description="line numbers; the whole order when omitted")


class LineOut(Schema):
    id: int
    line_number: int
    sku: str
    quantity: int
    unit_price: Decimal
    delivery_method: str
    location: str | None
    status: str
    unallocated_quantity: int


class FulfilmentLineOut(Schema):
    line_number: int
    sku: str
    quantity: int


class FulfilmentOut(Schema):
    id: int
    location: str
    delivery_method: str
    status: str
    lines: list[FulfilmentLineOut]


class EventOut(Schema):
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


class OrderSummaryOut(Schema):
    id: int
    channel: str
    channel_order_id: str
    status: str
    customer_id: str | None
    customer_email: str
    currency: str
    total: Decimal
    created_at: datetime


class OrderOut(OrderSummaryOut):
    shipping_address: dict[str, Any] | None
    lines: list[LineOut]
    fulfilments: list[FulfilmentOut]
    timeline: list[EventOut]


class OrderPageOut(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None
