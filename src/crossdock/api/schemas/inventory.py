from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, StrictSchema

NonNegative = Annotated[StrictInt, Field(ge=0, le=10_000_000)]


class CountIn(StrictSchema):
    sku: Code
    on_hand: NonNegative


class SnapshotIn(StrictSchema):
    location: Code
    sequence: Annotated[StrictInt, Field(ge=0, le=2**63 - 1, description="grows with every feed of this location")]
    complete: bool = Field(False, description="positions not listed are set to zero")
    positions: Annotated[list[CountIn], Field(max_length=100_000)]


class SnapshotOut(Schema):
    location: str
    sequence: int
    duplicate: bool
    changed: int
    unchanged: int
    created: int
    zeroed: int
    released_units: int


class AdjustmentIn(StrictSchema):
    location: Code
    sku: Code
    delta: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class AdjustmentsIn(StrictSchema):
    adjustments: Annotated[list[AdjustmentIn], Field(min_length=1, max_length=10_000)]


class AdjustedOut(Schema):
    location: str
    sku: str
    on_hand: int


class LocationAvailabilityOut(Schema):
    location: str
    type: str
    on_hand: int
    reserved: int
    safety_stock: int
    available: int
    distance_km: float | None
    counts_for_channel: bool


class SkuAvailabilityOut(Schema):
    sku: str
    on_hand: int
    reserved: int
    available: int
    channel: str | None
    channel_available: int | None
    locations: list[LocationAvailabilityOut]
