"""What customer service, the web shop or a store asks for when goods come back."""

from __future__ import annotations

from dataclasses import dataclass, field

from crossdock.domain.returns import Condition, Disposition, ReturnReason, ReturnSource


@dataclass(frozen=True, slots=True)
class ReturnLineRequest:
    line_number: int
    quantity: int
    reason: ReturnReason
    condition: Condition = Condition.UNOPENED
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReturnRequest:
    order_id: int
    lines: list[ReturnLineRequest]
    source: ReturnSource = ReturnSource.CUSTOMER_SERVICE
    store: str | None = None  # a return started in a store: its code
    received: bool = field(default=False)  # the goods are handed over there and then (in a store)


@dataclass(frozen=True, slots=True)
class LineInspection:
    line_number: int  # the order line's number, as on the return
    condition: Condition
    disposition: Disposition
    note: str = ""
