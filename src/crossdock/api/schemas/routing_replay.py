"""Replay of past orders under a draft profile: the request and the KPI table it answers with."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, Strict, StrictInt

from crossdock.api.schemas.common import StrictSchema
from crossdock.api.schemas.routing_profiles import SpecSchema

MAX_ORDERS = 5_000  # a replay answers within the request; larger windows: `crossdock replay`


class ReplayIn(StrictSchema):
    spec: SpecSchema
    since: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        "30d", description='"30d", "12h", or an ISO date or date-time (UTC unless it names a zone)'
    )
    limit: Annotated[StrictInt, Field(ge=1, le=MAX_ORDERS)] = Field(
        1_000, description="replay the most recent N placed orders of the window (at most 5,000)"
    )
    low_reliability: Annotated[float, Strict(), Field(ge=0.0, le=1.0)] = Field(
        0.7, description="an offer to a store scoring below this counts as an offer to a low-reliability store"
    )


class KpiOut(Schema):
    name: str
    description: str
    actual: float = Field(description="what happened (the recorded placement decisions)")
    draft: float
    delta: float = Field(description="draft − actual")


class LoadOut(Schema):
    location: str
    actual_units: int
    draft_units: int
    actual_fulfilments: int
    draft_fulfilments: int


class ReplayOut(Schema):
    since: datetime
    until: datetime
    orders: int = Field(description="orders replayed")
    changed: int = Field(description="orders the draft routes or offers otherwise")
    left_out: int = Field(description="older orders of the window beyond `limit`")
    skipped: dict[str, int] = Field(description="reason → orders: not_selected, not_shipped, not_recorded, …")
    kpis: list[KpiOut]
    load: list[LoadOut] = Field(description="units and fulfilments per location either side used")
