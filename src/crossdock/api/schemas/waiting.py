from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StrictInt

from crossdock.api.schemas.common import Code, StrictSchema


class PolicyIn(StrictSchema):
    allow_backorders: bool
    allow_preorders: bool = True


class PolicyOut(Schema):
    channel: str
    allow_backorders: bool
    allow_preorders: bool


class BackorderableIn(StrictSchema):
    skus: Annotated[list[Code], Field(max_length=100_000)] = []
    categories: Annotated[list[Annotated[str, Field(min_length=1, max_length=100)]], Field(max_length=10_000)] = []


class BackorderableOut(Schema):
    skus: list[str]
    categories: list[str]


class WindowIn(StrictSchema):
    sku: Code
    starts_at: datetime
    ends_at: datetime
    cap: Annotated[StrictInt, Field(ge=0, le=10_000_000)]
    release_not_before: datetime | None = Field(
        None, description="the launch: pre-ordered units are promised no earlier and never allocated before it"
    )


class WindowOut(Schema):
    id: int
    sku: str
    starts_at: datetime
    ends_at: datetime
    cap: int
    preordered: int
    release_not_before: datetime | None


class QueueEntryOut(Schema):
    order_id: int
    channel_order_id: str
    line_number: int
    kind: str
    quantity: int
    priority: int
    promise_date: date | None
    since: datetime


class ArrivingOut(Schema):
    reference: str
    location: str
    eta: date | None
    open: int
    promised: int
    in_transit: bool


class QueueOut(Schema):
    sku: str
    backordered: int
    preordered: int
    owed_from_stock: int
    summary: str
    arriving: list[ArrivingOut]
    queue: list[QueueEntryOut]
