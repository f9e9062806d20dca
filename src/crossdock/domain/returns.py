"""Returns (RMA): the state machine, reasons, conditions, dispositions and the return policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from crossdock.domain.errors import DomainError, InvalidInput


class ReturnStatus(StrEnum):
    REQUESTED = "requested"  # authorised: the goods are on their way back
    RECEIVED = "received"  # at a warehouse or store, not yet inspected
    INSPECTED = "inspected"  # every line inspected and disposed of
    REFUNDED = "refunded"
    CLOSED = "closed"  # nothing to refund (every line rejected)
    CANCELLED = "cancelled"  # the goods never came back


RETURN_TRANSITIONS: dict[ReturnStatus, frozenset[ReturnStatus]] = {
    ReturnStatus.REQUESTED: frozenset({ReturnStatus.RECEIVED, ReturnStatus.CANCELLED}),
    ReturnStatus.RECEIVED: frozenset({ReturnStatus.INSPECTED}),
    ReturnStatus.INSPECTED: frozenset({ReturnStatus.REFUNDED, ReturnStatus.CLOSED}),
    ReturnStatus.REFUNDED: frozenset(),
    ReturnStatus.CLOSED: frozenset(),
    ReturnStatus.CANCELLED: frozenset(),
}

# Returns whose lines count against what may still be returned.
LIVE_RETURN_STATUSES = frozenset(set(ReturnStatus) - {ReturnStatus.CANCELLED})
# Returns whose money is settled: their units come first in a line's refund sequence.
SETTLED_RETURN_STATUSES = frozenset({ReturnStatus.REFUNDED, ReturnStatus.CLOSED})


class ReturnSource(StrEnum):
    CUSTOMER_SERVICE = "customer_service"
    WEB = "web"  # the web shop's returns page, through the API
    STORE = "store"


class ReturnReason(StrEnum):
    CHANGED_MIND = "changed_mind"
    DOES_NOT_FIT = "does_not_fit"
    NOT_AS_DESCRIBED = "not_as_described"
    DEFECTIVE = "defective"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    WRONG_ITEM = "wrong_item"
    OTHER = "other"


# The retailer's fault: no restocking fee.
RETAILER_FAULT = frozenset(
    {ReturnReason.NOT_AS_DESCRIBED, ReturnReason.DEFECTIVE, ReturnReason.DAMAGED_IN_TRANSIT, ReturnReason.WRONG_ITEM}
)


class Condition(StrEnum):
    UNOPENED = "unopened"
    OPENED = "opened"
    USED = "used"
    DAMAGED = "damaged"


class Disposition(StrEnum):
    RESTOCK = "restock"  # back on hand, sellable, at the receiving location
    DAMAGED = "damaged"  # written off
    RETURN_TO_VENDOR = "return_to_vendor"


class ShippingRefund(StrEnum):
    NEVER = "never"
    FULL_RETURN = "full_return"  # the shipping charge comes back when the last unit does
    PROPORTIONAL = "proportional"  # in step with the value returned


class ReturnRefused(DomainError):
    code = "return_refused"


class OutsideReturnWindow(ReturnRefused):
    code = "outside_return_window"


class NotReturnable(ReturnRefused):
    code = "not_returnable"


class ConditionNotAccepted(ReturnRefused):
    code = "condition_not_accepted"


class ExceedsReturnable(ReturnRefused):
    code = "exceeds_returnable"


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    window_days: int = 30
    non_returnable_skus: frozenset[str] = field(default_factory=frozenset)
    non_returnable_categories: frozenset[str] = field(default_factory=frozenset)
    accepted_conditions: frozenset[Condition] = frozenset({Condition.UNOPENED, Condition.OPENED})
    shipping_refund: ShippingRefund = ShippingRefund.FULL_RETURN
    restocking_fee_percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if not 0 <= self.restocking_fee_percent <= 100:
            raise InvalidInput("a restocking fee is a percentage between 0 and 100", field="restocking_fee_percent")
        if self.window_days < 0:
            raise InvalidInput("a return window cannot be negative", field="window_days")


@dataclass(frozen=True, slots=True)
class ReturnCandidate:
    """One line a customer wants to send back, with what the order knows about it."""

    sku: str
    category: str
    quantity: int
    condition: Condition
    fulfilled_quantity: int  # shipped or handed over
    already_returned: int  # on other live returns
    fulfilled_at: datetime | None


def check_return_line(policy: ReturnPolicy, candidate: ReturnCandidate, *, now: datetime, field: str) -> None:
    """Raise the policy's answer for this line: ExceedsReturnable, NotReturnable, OutsideReturnWindow,
    ConditionNotAccepted; else return quietly."""
    returnable = candidate.fulfilled_quantity - candidate.already_returned
    if candidate.quantity > returnable:
        raise ExceedsReturnable(
            f"{candidate.quantity} × {candidate.sku} asked back, {returnable} can be returned "
            f"({candidate.fulfilled_quantity} shipped, {candidate.already_returned} already returned)",
            field=f"{field}.quantity",
        )
    if candidate.sku in policy.non_returnable_skus:
        raise NotReturnable(f"{candidate.sku} cannot be returned", field=f"{field}.line")
    if candidate.category and candidate.category in policy.non_returnable_categories:
        raise NotReturnable(f"{candidate.category} items cannot be returned", field=f"{field}.line")
    assert candidate.fulfilled_at is not None  # something was fulfilled, so it has a date
    closes = candidate.fulfilled_at + timedelta(days=policy.window_days)
    if now > closes:
        raise OutsideReturnWindow(
            f"the {policy.window_days}-day return window closed on {closes.date().isoformat()}",
            field=f"{field}.line",
        )
    if candidate.condition not in policy.accepted_conditions:
        accepted = ", ".join(sorted(policy.accepted_conditions))
        raise ConditionNotAccepted(
            f"items returned {candidate.condition} are not accepted (accepted: {accepted})",
            field=f"{field}.condition",
        )
