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
    # Inventory depth (see docs/inventory.md)
    LINES_BACKORDERED = "LinesBackordered"
    LINES_PREORDERED = "LinesPreordered"
    WAITING_LINE_RELEASED = "WaitingLineReleased"
    PROMISE_CHANGED = "PromiseChanged"  # supply cancelled or late, a launch moved: new promise dates
    # After-sales (see docs/after-sales.md)
    PAYMENT_RECORDED = "PaymentRecorded"
    PAYMENT_FAILED = "PaymentFailed"
    HOLD_PLACED = "HoldPlaced"
    HOLD_RELEASED = "HoldReleased"
    HOLD_CANCELLED = "HoldCancelled"
    ORDER_EDITED = "OrderEdited"
    QUANTITIES_CANCELLED = "QuantitiesCancelled"
    FULFILMENT_SHIPPED = "FulfilmentShipped"
    RETURN_CREATED = "ReturnCreated"
    RETURN_RECEIVED = "ReturnReceived"
    RETURN_LINE_INSPECTED = "ReturnLineInspected"
    RETURN_INSPECTED = "ReturnInspected"
    RETURN_REFUNDED = "ReturnRefunded"
    RETURN_CLOSED = "ReturnClosed"
    RETURN_CANCELLED = "ReturnCancelled"
    EXCHANGE_CREATED = "ExchangeCreated"
    # Sourcing (see docs/routing.md)
    ORDER_ROUTED = "OrderRouted"
    FULFILMENT_OFFERED = "FulfilmentOffered"
    OFFER_CLAIMED = "OfferClaimed"
    OFFERS_WITHDRAWN = "OffersWithdrawn"
    OFFERS_EXPIRED = "OffersExpired"
    FULFILMENT_UNCLAIMED = "FulfilmentUnclaimed"
    ESCALATED = "Escalated"
    # Ship to store (see docs/store.md)
    TRANSFER_SHIPPED = "TransferShipped"
    TRANSFER_RECEIVED = "TransferReceived"
