from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, StrictSchema
from crossdock.domain.supply import SupplyKind

Reference = Annotated[str, Field(min_length=1, max_length=100)]
Quantity = Annotated[StrictInt, Field(ge=1, le=10_000_000)]


class SupplyLineIn(StrictSchema):
    sku: Code
    quantity: Quantity


class SupplyIn(StrictSchema):
    kind: SupplyKind
    reference: Reference
    destination: Code
    source: Code | None = Field(None, description="transfers: the location the units leave from")
    supplier: Annotated[str, Field(max_length=200)] = ""
    eta: date | None = None
    lines: Annotated[list[SupplyLineIn], Field(min_length=1, max_length=10_000)]


class ReceiptIn(StrictSchema):
    reference: Reference = Field(..., description="the delivery's reference: the same one again changes nothing")
    lines: Annotated[list[SupplyLineIn], Field(min_length=1, max_length=10_000)]


Reason = Annotated[str, Field(max_length=200, description="why, for the orders' timelines")]


class SupplyCancelIn(StrictSchema):
    reason: Reason = ""


class SupplyLineCancelIn(StrictSchema):
    quantity: Quantity | None = Field(None, description="open units to cancel; none given: all of them")
    reason: Reason = ""


class EtaIn(StrictSchema):
    eta: date | None = Field(..., description="the new expected date; null: not known")


class SupplyLineOut(Schema):
    sku: str
    quantity: int
    received: int
    cancelled: int
    open: int


class SupplyOut(Schema):
    id: int
    kind: str
    reference: str
    supplier: str
    source: str | None
    destination: str
    status: str
    eta: date | None
    dispatched_at: datetime | None
    lines: list[SupplyLineOut]


class ReceiptOut(Schema):
    supply_id: int
    reference: str
    duplicate: bool
    status: str


class LocationFutureOut(Schema):
    location: str
    available_now: int
    arriving: int
    available_on: int


class FutureOut(Schema):
    sku: str
    channel: str | None
    on: date
    available_now: int
    arriving: int
    available_on: int
    locations: list[LocationFutureOut]


class DeltaIn(StrictSchema):
    sku: Code
    delta: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]


class DeltasIn(StrictSchema):
    location: Code
    sequence: Annotated[
        StrictInt, Field(ge=0, le=2**63 - 1, description="shared with snapshots: grows with every feed")
    ]
    deltas: Annotated[list[DeltaIn], Field(min_length=1, max_length=100_000)]


class DeltasOut(Schema):
    location: str
    sequence: int
    duplicate: bool
    applied: int


class LocationPictureOut(Schema):
    location: str
    on_hand: int
    reserved: int
    available: int
    in_transit: int
    on_order: int


class NetworkOut(Schema):
    sku: str
    on_hand: int
    reserved: int
    available: int
    in_transit: int
    on_order: int
    preorderable: int
    locations: list[LocationPictureOut]
