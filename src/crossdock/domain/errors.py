"""Domain errors. Each carries a stable `code` and, where known, the input `field` at fault."""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"
    status = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    code = "invalid"


class UnknownSku(DomainError):
    code = "unknown_sku"


class UnknownLocation(DomainError):
    code = "unknown_location"


class UnknownChannel(DomainError):
    code = "unknown_channel"


class DuplicateLine(DomainError):
    code = "duplicate_line"


class AddressRequired(DomainError):
    code = "address_required"


class CapabilityMissing(DomainError):
    code = "capability_missing"


class InsufficientStock(DomainError):
    code = "insufficient_stock"
    status = 409


class IllegalTransition(DomainError):
    code = "illegal_transition"
    status = 409


class StaleFeed(DomainError):
    code = "stale_feed"
    status = 409


class IdempotencyConflict(DomainError):
    code = "idempotency_conflict"
    status = 409


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403


class StockBlocked(DomainError):
    """The SKU (or the store named) is taken out of sale."""

    code = "blocked"
    status = 409


class CartExpired(DomainError):
    code = "cart_expired"
    status = 409


class ReceiptExceedsOpen(DomainError):
    """More units received than the supply line still has open."""

    code = "receipt_exceeds_open_quantity"
    status = 422


class PreorderClosed(DomainError):
    code = "preorder_window_closed"
    status = 409


class PreorderCapReached(DomainError):
    code = "preorder_cap_reached"
    status = 409


class InsufficientSupply(DomainError):
    code = "insufficient_supply"
    status = 409
