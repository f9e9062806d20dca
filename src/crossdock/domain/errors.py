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
