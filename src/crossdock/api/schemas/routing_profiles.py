"""Routing profiles: the spec's shape (unknown fields refused). Value rules — weights ≥ 0, a value band
that is not empty, "HH:MM" cut-offs — are the domain's (`ProfileSpec.from_json`), with the same field paths."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field, Strict, StrictBool, StrictInt

from crossdock.api.schemas.common import Code, StrictSchema
from crossdock.domain.locations import Capability, LocationType
from crossdock.domain.orders import DeliveryMethod
from crossdock.domain.routing.profile import EscalationStep, Strategy

Weight = Annotated[float, Strict(), Field(description="≥ 0")]
Names = Annotated[list[Code], Field(max_length=100)]


class SelectorSchema(StrictSchema):
    channels: Names = Field([], description="channel codes; empty: any channel")
    delivery_methods: list[DeliveryMethod] = Field([], description="empty: any delivery method")
    customer_tiers: Names = Field([], description="empty: any tier")
    min_order_value: Decimal | None = Field(None, description="the order total must be at least this")
    max_order_value: Decimal | None = Field(None, description="the order total must be below this")


class FiltersSchema(StrictSchema):
    location_types: list[LocationType] = Field([], description="empty: every type")
    required_capabilities: list[Capability] = []
    max_distance_km: Annotated[float, Strict()] | None = Field(None, description="from the shipping address; > 0")
    open_now: StrictBool = Field(False, description="only locations open now, by their opening hours")
    before_cutoff: str | None = Field(None, description='"HH:MM" in each location\'s time zone', examples=["15:00"])
    min_capacity_left: StrictInt | None = Field(None, description="fulfilments left today")
    min_reliability: Annotated[float, Strict()] | None = Field(None, description="0–1")


class CostSchema(StrictSchema):
    per_parcel: Weight
    per_km: Weight
    per_unit: Weight
    unfilled_per_unit: Weight
    per_unit_by_kind: dict[str, Weight] = Field({}, description="handling per unit by location type")
    split_penalty: Weight = 0.0
    max_parcels_per_order: StrictInt | None = Field(None, description="≥ 1; none: no limit")
    unreliability_weight: Weight = 0.0
    load_weight: Weight = 0.0
    depletion_penalty: Weight = 0.0
    depletion_threshold: StrictInt = Field(0, description="a store's last N units of a SKU")


class OffersSchema(StrictSchema):
    store_count: StrictInt = Field(3, description="stores offered at once, 1–100")
    claim_timeout_seconds: StrictInt = Field(900, description="1 s – 7 days")
    escalation: list[EscalationStep] = Field(
        [EscalationStep.NEXT_STORES, EscalationStep.WAREHOUSES, EscalationStep.BACKORDER],
        description="after a timeout; backorder only last",
    )


class SpecSchema(StrictSchema):
    selector: SelectorSchema = Field(SelectorSchema.model_validate({}), description="which orders; empty: all")
    filters: FiltersSchema = Field(FiltersSchema.model_validate({}), description="which locations may fulfil")
    cost: CostSchema
    strategy: Strategy = Strategy.ASSIGN
    offers: OffersSchema = Field(OffersSchema.model_validate({}), description="with strategy offer")


class ProfileIn(StrictSchema):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    description: Annotated[str, Field(max_length=2000)] = ""
    spec: SpecSchema


class DraftIn(StrictSchema):
    spec: SpecSchema
    description: Annotated[str, Field(max_length=2000)] | None = Field(None, description="none: unchanged")


class VersionOut(Schema):
    number: int
    status: str
    spec: SpecSchema
    created_by: str
    created_at: datetime
    activated_by: str
    activated_at: datetime | None
    archived_by: str
    archived_at: datetime | None


class ProfileOut(Schema):
    id: int
    name: str
    description: str
    created_by: str
    created_at: datetime
    active_version: int | None
    draft_version: int | None
    versions: list[VersionOut]


class WarningOut(Schema):
    code: str
    message: str
    field: str | None


class ActivationOut(Schema):
    profile: ProfileOut
    warnings: list[WarningOut]
