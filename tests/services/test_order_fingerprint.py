"""The request fingerprint tells a retry from a different order sent under a reused key."""

from __future__ import annotations

from decimal import Decimal

from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PricedLine

HOME = Address(name="Ada Lovelace", line1="1 Main St", city="New York", postcode="10001", country="US")


def _request(quantity: int = 2, price: str | None = None, email: str = "ada@example.com") -> OrderRequest:
    return OrderRequest(
        channel="web",
        channel_order_id="W-1001",
        customer=CustomerDetails(external_id="C-ADA-7", email=email),
        shipping_address=HOME,
        lines=[
            PricedLine(
                RequestedLine("RETRO-RUNNER-42", quantity, DeliveryMethod.SHIP), Decimal(price) if price else None
            )
        ],
    )


def test_the_same_request_has_the_same_fingerprint() -> None:
    assert _request().fingerprint() == _request().fingerprint()
    assert len(_request().fingerprint()) == 64


def test_any_difference_changes_the_fingerprint() -> None:
    fingerprints = {
        _request().fingerprint(),
        _request(quantity=3).fingerprint(),
        _request(price="79.90").fingerprint(),
        _request(email="lovelace@example.com").fingerprint(),
    }

    assert len(fingerprints) == 4
