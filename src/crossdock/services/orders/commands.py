"""What a channel asks for when it places an order."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from crossdock.domain.orders import Address, RequestedLine


@dataclass(frozen=True, slots=True)
class CustomerDetails:
    external_id: str | None = None
    email: str = ""
    name: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class PricedLine:
    line: RequestedLine
    unit_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class OrderRequest:
    channel: str
    channel_order_id: str
    lines: list[PricedLine]
    currency: str = "USD"
    customer: CustomerDetails = field(default_factory=CustomerDetails)
    shipping_address: Address | None = None
    allow_unallocated: bool = False

    def fingerprint(self) -> str:
        """Same request, same fingerprint: tells a retry from a different order under a reused key."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()
