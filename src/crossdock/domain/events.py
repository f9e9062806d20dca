"""Timeline event names, past tense."""

from __future__ import annotations

from enum import StrEnum


class OrderEventType(StrEnum):
    ORDER_PLACED = "OrderPlaced"
    LINES_ALLOCATED = "LinesAllocated"
    LINES_UNALLOCATED = "LinesUnallocated"
    FULFILMENT_CREATED = "FulfilmentCreated"
    CARRIED_OUT = "CarriedOut"
    ORDER_CANCELLED = "OrderCancelled"
    LINES_CANCELLED = "LinesCancelled"
    STOCK_SHORTAGE = "StockShortage"
