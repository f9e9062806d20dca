"""Fixtures for after-sales tests: orders with money, shipped fulfilments, a ready stock."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from crossdock.db.models import FulfilmentOrder
from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services.orders.commands import CustomerDetails, OrderRequest, PaymentDetails, PricedLine
from crossdock.services.orders.fulfilment import mark_fulfilment_shipped
from crossdock.services.orders.place_order import place_order

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP
CARRY_OUT = DeliveryMethod.CARRY_OUT

ADA = CustomerDetails(external_id="C-ADA-7", email="ada@example.com", name="Ada Lovelace")
PENN_STATION = Address(
    name="Ada Lovelace",
    line1="1 Main St",
    city="New York",
    postcode="10001",
    country="US",
    latitude=40.7506,
    longitude=-73.9971,
)
LONDON_BILLING = Address(name="Ada Lovelace", line1="12 St James's Sq", city="London", postcode="SW1Y", country="GB")


@pytest.fixture
def plenty(stock: Callable[..., Any]) -> None:
    """Every SKU in Newark (20 each); runners in Manhattan (3) and beanies in Brooklyn (4) for pickups."""
    for sku in ["RETRO-RUNNER-42", "TRAIL-JACKET-M", "WOOL-BEANIE"]:
        stock("WH-NJ", sku, 20)
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-BKN", "WOOL-BEANIE", 4)


@pytest.fixture
def order_of(channels: Any) -> Callable[..., int]:
    """Places an order and returns its id: `order_of(("RETRO-RUNNER-42", 2), discount="10.00", …)`.

    A line is (sku, quantity) shipped, or (sku, quantity, method, location). Channel order ids run A-1, A-2, …
    """
    numbers = itertools.count(1)

    def place(
        *lines: tuple[Any, ...],
        discount: str = "0",
        shipping: str = "0",
        payment: PaymentDetails | None = None,
        customer: CustomerDetails = ADA,
        address: Address | None = PENN_STATION,
        billing: Address | None = None,
        channel: str = "web",
        prices: dict[str, str] | None = None,
    ) -> int:
        request = OrderRequest(
            channel=channel,
            channel_order_id=f"A-{next(numbers)}",
            lines=[_priced(line, prices or {}) for line in lines],
            customer=customer,
            shipping_address=address,
            billing_address=billing,
            discount=Decimal(discount),
            shipping_charge=Decimal(shipping),
            payment=payment,
        )
        return place_order(request, actor="test").order_id

    return place


def _priced(line: tuple[Any, ...], prices: dict[str, str]) -> PricedLine:
    sku, quantity, *delivery = line
    method, location = ([*delivery, None])[:2] if delivery else (SHIP, None)
    price = prices.get(sku)
    return PricedLine(RequestedLine(sku, quantity, method, location), Decimal(price) if price else None)


@pytest.fixture
def ship_all() -> Callable[[int], None]:
    """Ships (or hands over) every open fulfilment of the order."""

    def ship(order_id: int) -> None:
        for fulfilment_id in FulfilmentOrder.objects.filter(order_id=order_id, status="assigned").values_list(
            "id", flat=True
        ):
            mark_fulfilment_shipped(fulfilment_id, actor="test:store")

    return ship
