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
class PaymentDetails:
    """How the order is paid: `manual` records an authorisation the channel already holds (its
    `reference`, for `authorised_amount` or the order total); `test` asks the test gateway to authorise,
    and `method` tells it how to behave (see services/payments/gateways.py)."""

    gateway: str = "manual"
    method: str = ""
    reference: str = ""
    authorised_amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class OrderRequest:
    channel: str
    channel_order_id: str
    lines: list[PricedLine]
    currency: str = "USD"
    customer: CustomerDetails = field(default_factory=CustomerDetails)
    shipping_address: Address | None = None
    allow_unallocated: bool = False
    discount: Decimal = Decimal(0)
    shipping_charge: Decimal = Decimal(0)
    billing_address: Address | None = None
    payment: PaymentDetails | None = None
    cart_id: int | None = None  # check out this cart: its held units become the order's reservations

    def fingerprint(self) -> str:
        """Same request, same fingerprint: tells a retry from a different order under a reused key."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()
