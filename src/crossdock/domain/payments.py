"""Payments: the kinds of record an order carries, its balance, and the gateway interface.

The ledger is append-only: authorisations, captures, refunds and voids, each succeeded or failed.
Only succeeded records move the balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from crossdock.domain.errors import DomainError, InvalidInput
from crossdock.domain.money import CurrencyMismatch, Money, total


class PaymentKind(StrEnum):
    AUTHORISATION = "authorisation"
    CAPTURE = "capture"
    REFUND = "refund"
    VOID = "void"


class PaymentStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class CaptureAt(StrEnum):
    """When an order's money is taken: all of it when placed, or each fulfilment's share when it ships."""

    PLACEMENT = "placement"
    SHIPMENT = "shipment"


class RefundExceedsCaptured(DomainError):
    code = "refund_exceeds_captured"
    status = 409


class ExceedsAuthorised(DomainError):
    code = "exceeds_authorised"
    status = 409


class PaymentDeclined(DomainError):
    code = "payment_declined"
    status = 402


@dataclass(frozen=True, slots=True)
class PaymentEntry:
    kind: PaymentKind
    status: PaymentStatus
    amount: Money


@dataclass(frozen=True, slots=True)
class PaymentBalance:
    authorised: Money
    captured: Money
    refunded: Money
    voided: Money

    @classmethod
    def of(cls, entries: Sequence[PaymentEntry], currency: str) -> PaymentBalance:
        def sum_of(kind: PaymentKind) -> Money:
            amounts = [e.amount for e in entries if e.kind == kind and e.status == PaymentStatus.SUCCEEDED]
            return total(amounts, currency)

        return cls(
            authorised=sum_of(PaymentKind.AUTHORISATION),
            captured=sum_of(PaymentKind.CAPTURE),
            refunded=sum_of(PaymentKind.REFUND),
            voided=sum_of(PaymentKind.VOID),
        )

    @property
    def open_authorisation(self) -> Money:
        """Authorised and neither captured nor voided: what can still be captured."""
        left = self.authorised - self.voided - self.captured
        return Money.zero(left.currency) if left.is_negative() else left

    @property
    def refundable(self) -> Money:
        return self.captured - self.refunded

    @property
    def paid(self) -> Money:
        """Money the retailer holds now."""
        return self.captured - self.refunded

    def check(self, kind: PaymentKind, amount: Money, *, field: str = "amount") -> None:
        """Raise unless `amount` of `kind` fits this balance (CurrencyMismatch, InvalidInput, ExceedsAuthorised,
        RefundExceedsCaptured)."""
        if amount.currency != self.captured.currency:
            raise CurrencyMismatch(
                f"the order is in {self.captured.currency}, the payment in {amount.currency}", field="currency"
            )
        if amount.amount <= 0:
            raise InvalidInput("a payment amount must be positive", field=field)
        if kind in (PaymentKind.CAPTURE, PaymentKind.VOID) and amount.amount > self.open_authorisation.amount:
            raise ExceedsAuthorised(
                f"{kind} of {amount} exceeds the open authorisation of {self.open_authorisation}", field=field
            )
        if kind == PaymentKind.REFUND and amount.amount > self.refundable.amount:
            raise RefundExceedsCaptured(
                f"a refund of {amount} exceeds what was captured and not yet refunded ({self.refundable})",
                field=field,
            )


def split_refund(amount: Money, captures: Sequence[tuple[int, Money]]) -> list[tuple[int, Money]]:
    """Spread a refund over captures (id, still refundable), newest first; raises RefundExceedsCaptured."""
    left = amount
    parts: list[tuple[int, Money]] = []
    for capture_id, refundable in sorted(captures, key=lambda c: -c[0]):
        if left.amount <= 0:
            break
        part = left.min(refundable)
        if part.amount > 0:
            parts.append((capture_id, part))
            left = left - part
    if left.amount > 0:
        raise RefundExceedsCaptured(f"a refund of {amount} exceeds what the captures can give back", field="amount")
    return parts


@dataclass(frozen=True, slots=True)
class GatewayRequest:
    """One operation asked of a gateway. `key` is stable for a retry of the same operation."""

    order_id: int
    kind: PaymentKind
    amount: Money
    method: str
    key: str
    parent_reference: str = ""


@dataclass(frozen=True, slots=True)
class GatewayResult:
    succeeded: bool
    reference: str
    message: str = ""


class PaymentGateway(Protocol):
    """A payment service provider, seen from the OMS."""

    name: str

    def authorise(self, request: GatewayRequest) -> GatewayResult: ...

    def capture(self, request: GatewayRequest) -> GatewayResult: ...

    def refund(self, request: GatewayRequest) -> GatewayResult: ...

    def void(self, request: GatewayRequest) -> GatewayResult: ...
