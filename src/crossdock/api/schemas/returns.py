from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, PositiveQuantity, StrictSchema
from crossdock.api.schemas.orders import AddressIn, OrderLineIn
from crossdock.domain.returns import Condition, Disposition, ReturnReason, ReturnSource

LineNumber = Annotated[StrictInt, Field(ge=1)]
Note = Annotated[str, Field(max_length=500)]


class ReturnLineIn(StrictSchema):
    line: LineNumber
    quantity: PositiveQuantity
    reason: ReturnReason
    condition: Condition = Condition.UNOPENED
    note: Note = ""


class ReturnIn(StrictSchema):
    order_id: StrictInt
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=200)]
    source: ReturnSource = ReturnSource.WEB
    store: Code | None = Field(None, description="the store where the return is made")
    received: bool = Field(False, description="the goods are handed over in that store now")


class ReceiveIn(StrictSchema):
    location: Code


class InspectionIn(StrictSchema):
    line: LineNumber
    condition: Condition
    disposition: Disposition
    note: Note = ""


class InspectIn(StrictSchema):
    lines: Annotated[list[InspectionIn], Field(min_length=1, max_length=200)]


class CancelReturnIn(StrictSchema):
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class ExchangeIn(StrictSchema):
    returned: ReturnIn
    replacement: Annotated[list[OrderLineIn], Field(min_length=1, max_length=200)]
    shipping_address: AddressIn | None = None


class VerdictOut(Schema):
    returnable: bool
    code: str
    message: str
    field: str | None


class ReturnLineOut(Schema):
    id: int
    line_number: int
    sku: str
    quantity: int
    reason: str
    stated_condition: str
    inspected_condition: str
    disposition: str
    accepted: bool | None
    refund_amount: Decimal | None


class ReturnEventOut(Schema):
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


class ReturnOut(Schema):
    id: int
    rma_number: str
    order_id: int
    status: str
    source: str
    opened_at: str | None
    received_at: str | None
    refund_total: Decimal | None
    restocking_fee: Decimal
    shipping_refund: Decimal
    replacement_order_id: int | None
    exchange_credit: Decimal | None
    created_by: str
    created_at: datetime
    lines: list[ReturnLineOut]
    timeline: list[ReturnEventOut]


class ExchangeOut(Schema):
    returned: ReturnOut
    replacement_order_id: int
    credit: Decimal
    difference: Decimal = Field(description="positive: charged to the customer; negative: refunded with the return")
