from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class OutcomeOut(Schema):
    fulfilment_id: int
    order_id: int
    outcome: str = Field(description="claimed | withdrawn | expired | unclaimed | sla_missed")
    reason: str = Field(description="why an unclaim happened: out_of_stock | damaged | no_capacity | other")
    kind: str = Field(description="the key it is valued by, e.g. `unclaimed:out_of_stock`")
    latency_seconds: float | None = Field(description="offer → claim")
    offered_at: datetime | None
    decided_at: datetime
    value: float = Field(description="0–1: what this outcome says about the store")
    weight: float = Field(description="how much it counts now (halves every half-life; 0 when superseded)")
    superseded: bool = Field(description="a claim overturned by a later unclaim or SLA miss of the same offer")


class ReliabilityOut(Schema):
    location: str
    score: float = Field(description="0–1, learned from the history at the time of the request")
    stored_score: float = Field(description="the score routing uses until the next refresh")
    prior_score: float
    prior_weight: float
    half_life_days: float
    sla_hours: float
    evidence_weight: float = Field(description="Σ weights of the history, against `prior_weight`")
    counts: dict[str, int] = Field(description="outcomes per kind since `since`")
    since: datetime
    recent: list[OutcomeOut] = Field(description="the latest outcomes, newest first")


class ReliabilityQuery(Schema):
    last: int = Field(20, ge=0, le=500, description="how many of the latest outcomes to list")
