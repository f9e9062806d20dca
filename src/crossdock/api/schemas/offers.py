from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class ClaimIn(Schema):
    model_config = ConfigDict(extra="forbid")
    location: str = Field(min_length=1, max_length=64, description="the code of the store that claims")


class ClaimOut(Schema):
    fulfilment_id: int
    order_id: int
    location: str
    withdrawn: list[int]
    replayed: bool


class UnclaimIn(Schema):
    model_config = ConfigDict(extra="forbid")
    location: str = Field(min_length=1, max_length=64)
    reason: Literal["out_of_stock", "damaged", "no_capacity", "other"]
    note: str = Field(default="", max_length=500)


class ReroutedOut(Schema):
    allocated: int
    offered_rounds: int
    still_unallocated: int
    step: str


class UnclaimOut(Schema):
    fulfilment_id: int
    order_id: int
    reason: str
    stock_corrected: dict[str, int]
    rerouted: ReroutedOut


class OfferedItemOut(Schema):
    sku: str
    name: str
    quantity: int


class OpenOfferOut(Schema):
    fulfilment_id: int
    order_id: int
    round: int
    delivery_method: str
    offered_at: datetime
    expires_at: datetime
    destination_city: str
    items: list[OfferedItemOut]


class DecisionOut(Schema):
    id: int
    reason: str
    profile: str
    profile_version: int
    strategy: str
    method: str
    cost: float
    terms: dict[str, float]
    allocations: list[dict[str, Any]]
    unfilled: list[dict[str, Any]]
    destination: list[float] | None
    excluded: dict[str, str]
    explanation: dict[str, Any]
    created_at: datetime
