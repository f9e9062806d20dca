"""Store-work fixtures: staff of the Manhattan and Brooklyn stores, and work waiting at their counters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crossdock.db.models import FulfilmentLine, FulfilmentOrder
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.domain.staff import StaffScope
from crossdock.services.staff.create_user import NewStaff, create_staff_user
from crossdock.services.staff.scope import scope_for_user
from store_offer_fixtures import fulfilments_of, offer_at, offer_profile, offer_state, offered_runner  # noqa: F401

SHIP = DeliveryMethod.SHIP
PICKUP = DeliveryMethod.PICKUP


@pytest.fixture
def staff(network: Any) -> Callable[..., StaffScope]:
    """Creates a staff account and returns its scope: `staff("maya", "store_associate", "ST-MAN")`."""

    def make(username: str, role: str, *stores: str) -> StaffScope:
        user_id = create_staff_user(
            NewStaff(username, "correct-horse-battery", role, list(stores), check_password_strength=False)
        )
        return scope_for_user(user_id)

    return make


@pytest.fixture
def maya(staff: Callable[..., StaffScope]) -> StaffScope:
    """Maya works at the Manhattan store."""
    return staff("maya", "store_associate", "ST-MAN")


@pytest.fixture
def bram(staff: Callable[..., StaffScope]) -> StaffScope:
    """Bram works at the Brooklyn store."""
    return staff("bram", "store_associate", "ST-BKN")


@pytest.fixture
def ship_from_manhattan(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    """Ada's web order — two runners and a beanie — ships from the Manhattan store (nothing in Newark).

    Manhattan holds 3 runners and 2 beanies. Returns the fulfilment id.
    """
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    stock("ST-MAN", "WOOL-BEANIE", 2)
    order_id = place(RequestedLine("RETRO-RUNNER-42", 2, SHIP), RequestedLine("WOOL-BEANIE", 1, SHIP))
    return FulfilmentOrder.objects.get(order_id=order_id).pk


@pytest.fixture
def pickup_in_brooklyn(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    """Ada picks up one beanie in Brooklyn (which holds 4). Returns the fulfilment id."""
    stock("ST-BKN", "WOOL-BEANIE", 4)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, PICKUP, "ST-BKN"))
    return FulfilmentOrder.objects.get(order_id=order_id).pk


@pytest.fixture
def line_of() -> Callable[[int, str], int]:
    """The fulfilment line id of a SKU."""

    def find(fulfilment_id: int, sku: str) -> int:
        return FulfilmentLine.objects.get(fulfilment_id=fulfilment_id, order_line__sku=sku).pk

    return find
