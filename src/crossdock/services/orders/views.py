"""Read models of orders, as the API and the apps show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class LineView:
    id: int
    line_number: int
    sku: str
    quantity: int
    unit_price: Decimal
    delivery_method: str
    location: str | None
    status: str
    unallocated_quantity: int
    discount: Decimal = Decimal(0)
    line_total: Decimal = Decimal(0)  # what the line costs now: unit_price × quantity − discount; 0 once cancelled
    cancelled_quantity: int = 0
    promised_on: date | None = None  # backordered / pre-ordered lines: when the last waiting unit is promised


@dataclass(frozen=True, slots=True)
class FulfilmentLineView:
    line_number: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class FulfilmentView:
    id: int
    location: str
    delivery_method: str
    status: str
    lines: list[FulfilmentLineView]
    ships_to: str | None = None  # ship to store: the pickup store this work is shipped to


@dataclass(frozen=True, slots=True)
class EventView:
    type: str
    actor: str
    reason: str
    data: dict[str, Any]
    at: datetime


@dataclass(frozen=True, slots=True)
class OrderSummary:
    id: int
    channel: str
    channel_order_id: str
    status: str
    customer_id: str | None
    customer_email: str
    currency: str
    total: Decimal
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OrderView(OrderSummary):
    shipping_address: dict[str, Any] | None = None
    billing_address: dict[str, Any] | None = None
    subtotal: Decimal = Decimal(0)
    discount_total: Decimal = Decimal(0)
    shipping_total: Decimal = Decimal(0)
    on_hold: bool = False
    lines: list[LineView] = field(default_factory=list)
    fulfilments: list[FulfilmentView] = field(default_factory=list)
    timeline: list[EventView] = field(default_factory=list)
