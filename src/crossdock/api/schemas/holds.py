from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from crossdock.api.schemas.common import Code, StrictSchema
from crossdock.domain.fraud import FraudRuleKind

Reason = Annotated[str, Field(min_length=1, max_length=500)]


class HoldIn(StrictSchema):
    kind: Literal["manual", "fraud"] = "manual"
    reason: Reason


class ReleaseIn(StrictSchema):
    reason: Reason


class HoldOut(Schema):
    id: int
    kind: str
    status: str
    reason: str
    rules: list[dict[str, Any]]
    placed_by: str
    placed_at: datetime
    resolved_by: str
    resolved_at: datetime | None
    resolution: str


class FraudRuleIn(StrictSchema):
    kind: FraudRuleKind
    name: Annotated[str, Field(max_length=200)] = ""
    amount: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = Field(
        None, description="order_value_above: the threshold"
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | Literal[""] = ""
    limit: Annotated[int, Field(ge=1, le=100_000)] | None = Field(
        None, description="address_velocity: more than this many orders to one address in 24 hours"
    )
    channel: Code | None = Field(None, description="only this channel's orders; every channel if omitted")
    active: bool = True


class FraudRuleOut(Schema):
    code: str
    kind: str
    name: str
    amount: Decimal | None
    currency: str
    limit: int | None
    channel: str | None
    active: bool
