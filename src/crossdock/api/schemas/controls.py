from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, StrictSchema
from crossdock.domain.locations import LocationType

Units = Annotated[StrictInt, Field(ge=0, le=10_000_000)]
Category = Annotated[str, Field(min_length=1, max_length=100)]


class BufferIn(StrictSchema):
    units: Units
    location: Code | None = None
    location_type: LocationType | None = None


class ThresholdIn(StrictSchema):
    min_units: Units
    sku: Code | None = None
    category: Category | None = Field(None, description="with neither sku nor category: channel-wide")


class ChannelControlsIn(StrictSchema):
    location_types: list[LocationType] = Field([], description="location types that count; empty: every type")
    include: Annotated[list[Code], Field(max_length=10_000)] = Field([], description="locations that always count")
    exclude: Annotated[list[Code], Field(max_length=10_000)] = Field([], description="locations that never count")
    buffers: Annotated[list[BufferIn], Field(max_length=10_000)] = []
    thresholds: Annotated[list[ThresholdIn], Field(max_length=10_000)] = []


class BufferOut(Schema):
    units: int
    location: str | None
    location_type: str | None


class ThresholdOut(Schema):
    min_units: int
    sku: str | None
    category: str | None


class ChannelControlsOut(Schema):
    channel: str
    location_types: list[str]
    include: list[str]
    exclude: list[str]
    buffers: list[BufferOut]
    thresholds: list[ThresholdOut]


class SafetyRuleIn(StrictSchema):
    quantity: Units
    location: Code | None = None
    location_type: LocationType | None = None
    category: Category | None = None


class SafetyRulesIn(StrictSchema):
    rules: Annotated[list[SafetyRuleIn], Field(max_length=10_000)]


class SafetyRuleOut(Schema):
    quantity: int
    location: str | None
    location_type: str | None
    category: str | None


class PositionSafetyIn(StrictSchema):
    location: Code
    sku: Code
    safety_stock: Units


class PositionSafetyStockIn(StrictSchema):
    positions: Annotated[list[PositionSafetyIn], Field(min_length=1, max_length=10_000)]


class PositionSafetyStockOut(Schema):
    changed: int


class BlockIn(StrictSchema):
    location: Code | None = None
    sku: Code | None = None
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class BlockOut(Schema):
    id: int
    location: str | None
    sku: str | None
    reason: str
    created_by: str
    created_at: datetime


class LocationExplanationOut(Schema):
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int
    safety_source: str
    available: int
    counts: bool
    excluded_because: str | None
    buffer: int
    channel_available: int
    sellable: int
    working: str


class ExplanationOut(Schema):
    sku: str
    channel: str | None
    on_hand: int
    reserved: int
    safety_stock: int
    available: int
    channel_total: int
    queued: int
    threshold: int
    below_threshold: bool
    sellable: int
    locations: list[LocationExplanationOut]
    working: list[str]
