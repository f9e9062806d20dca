from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, PositiveQuantity, StrictSchema
from crossdock.api.schemas.orders import AddressIn, OrderLineIn
from crossdock.domain.orders import DeliveryMethod

Reason = Annotated[str, Field(min_length=1, max_length=500)]
LineNumber = Annotated[StrictInt, Field(ge=1)]


class LineChangeIn(StrictSchema):
    line: LineNumber
    quantity: PositiveQuantity | None = None
    delivery_method: DeliveryMethod | None = None
    location: Code | None = Field(None, description="the pickup store, with delivery_method pickup")


class EditIn(StrictSchema):
    reason: Reason
    lines: Annotated[list[LineChangeIn], Field(max_length=200)] = []
    add: Annotated[list[OrderLineIn], Field(max_length=200)] = []
    remove: Annotated[list[LineNumber], Field(max_length=200)] = []
    shipping_address: AddressIn | None = None


class QuantityIn(StrictSchema):
    line: LineNumber
    quantity: PositiveQuantity


class CancelQuantitiesIn(StrictSchema):
    reason: Reason
    lines: Annotated[list[QuantityIn], Field(min_length=1, max_length=200)]
