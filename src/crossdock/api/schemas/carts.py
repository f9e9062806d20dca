from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, PositiveQuantity, StrictSchema
from crossdock.api.schemas.orders import AddressIn, Currency, CustomerIn
from crossdock.domain.carts import MAX_TTL_SECONDS, MIN_TTL_SECONDS
from crossdock.domain.orders import DeliveryMethod


class CartLineIn(StrictSchema):
    sku: Code
    quantity: PositiveQuantity
    delivery_method: DeliveryMethod = DeliveryMethod.SHIP
    location: Code | None = Field(None, description="store code for pickup and carry_out lines")


class CartIn(StrictSchema):
    channel: Code
    customer_ref: Annotated[str, Field(max_length=64)] = ""
    ttl_seconds: Annotated[StrictInt, Field(ge=MIN_TTL_SECONDS, le=MAX_TTL_SECONDS)] | None = Field(
        None, description="how long the holds live after the last activity; the server default if omitted"
    )
    lines: Annotated[list[CartLineIn], Field(max_length=200)] = []


class CartLinesIn(StrictSchema):
    lines: Annotated[list[CartLineIn], Field(max_length=200)]


class CheckoutIn(StrictSchema):
    channel_order_id: Annotated[str, Field(min_length=1, max_length=100)]
    currency: Currency = "USD"
    customer: CustomerIn = CustomerIn()
    shipping_address: AddressIn | None = None
    allow_unallocated: bool = False


class HeldOut(Schema):
    location: str
    quantity: int


class CartLineOut(Schema):
    line_number: int
    sku: str
    quantity: int
    delivery_method: str
    location: str | None
    held_quantity: int
    held: list[HeldOut]


class CartOut(Schema):
    id: int
    channel: str
    status: str
    customer_ref: str
    expires_at: datetime
    order_id: int | None
    lines: list[CartLineOut]
