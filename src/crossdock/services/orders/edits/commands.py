"""What customer service asks for when it edits an order."""

from __future__ import annotations

from dataclasses import dataclass, field

from crossdock.domain.edits import LineChange
from crossdock.domain.orders import Address
from crossdock.services.orders.commands import PricedLine


@dataclass(frozen=True, slots=True)
class OrderEdit:
    reason: str
    changes: list[LineChange] = field(default_factory=list)
    add: list[PricedLine] = field(default_factory=list)
    remove: list[int] = field(default_factory=list)
    shipping_address: Address | None = None

    def is_empty(self) -> bool:
        return not (self.changes or self.add or self.remove or self.shipping_address)
