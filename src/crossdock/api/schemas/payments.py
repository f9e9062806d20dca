from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from crossdock.api.schemas.common import StrictSchema
from crossdock.domain.payments import PaymentKind

Amount = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]


class PaymentReportIn(StrictSchema):
    kind: PaymentKind
    amount: Amount
    currency: Annotated[str, Field(min_length=1, max_length=8)]
    reference: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="the payment system's id")
    status: Literal["succeeded", "failed"] = "succeeded"
    message: Annotated[str, Field(max_length=500)] = ""
    method: Annotated[str, Field(max_length=64)] = ""


class PaymentOut(Schema):
    id: int
    kind: str
    status: str
    amount: Decimal
    currency: str
    gateway: str
    reference: str
    message: str
    parent_id: int | None
    return_id: int | None
    actor: str
    at: datetime


class PaymentsOut(Schema):
    order_id: int
    currency: str
    gateway: str
    capture_at: str
    order_total: Decimal
    authorised: Decimal
    captured: Decimal
    refunded: Decimal
    voided: Decimal
    open_authorisation: Decimal
    payments: list[PaymentOut]
