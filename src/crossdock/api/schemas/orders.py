from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

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
    preorder: bool = Field(False, description="a pre-order: reserved against future supply inside the SKU's window")


class PaymentIn(StrictSchema):
    gateway: Literal["manual", "test"] = "manual"
    method: Annotated[str, Field(max_length=64)] = Field(
        "", description="test gateway: `decline`, `fail_capture`, `fail_refund` make it fail; anything else succeeds"
    )
    reference: Annotated[str, Field(max_length=200)] = Field(
        "", description="manual: the authorisation the channel already holds"
    )
    authorised_amount: Price | None = Field(
        None, description="manual: the amount authorised; the order total if omitted"
    )


class OrderIn(StrictSchema):
    channel: Code
    channel_order_id: Annotated[str, Field(min_length=1, max_length=100)]
    currency: Currency = "USD"
    customer: CustomerIn = CustomerIn()
    shipping_address: AddressIn | None = None
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=200)]
    allow_unallocated: bool = Field(False, description="accept lines that cannot be reserved now")
    discount: Price = Field(Decimal(0), description="order-level discount, apportioned over the lines by value")
    shipping_charge: Price = Field(Decimal(0), description="what the customer pays for shipping")
    billing_address: AddressIn | None = None
    payment: PaymentIn | None = Field(None, description="how the order is paid; none: payments are recorded later")


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
    discount: Decimal
    line_total: Decimal
    cancelled_quantity: int
    promised_on: date | None = Field(
        None, description="backordered or pre-ordered lines: the date the last waiting unit is promised for"
    )


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
    ships_to: str | None  # ship to store: the pickup store this work is shipped to


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
    billing_address: dict[str, Any] | None
    subtotal: Decimal
    discount_total: Decimal
    shipping_total: Decimal
    on_hold: bool
    lines: list[LineOut]
    fulfilments: list[FulfilmentOut]
    timeline: list[EventOut]


class OrderPageOut(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None
