"""The store pages: sign-in, the queue, a fulfilment's page and its steps, confined to the user's stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from crossdock.db.models import FulfilmentOrder
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.staff.create_user import NewStaff, create_staff_user


@pytest.fixture
def staff_client(network: Any) -> Callable[..., Client]:
    def sign_in(username: str, role: str, *stores: str) -> Client:
        create_staff_user(
            NewStaff(username, "correct-horse-battery", role, list(stores), check_password_strength=False)
        )
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in


@pytest.fixture
def shipment(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    stock("ST-MAN", "WOOL-BEANIE", 2)
    return FulfilmentOrder.objects.get(order_id=place(RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP))).pk


def test_signing_in_leads_to_the_queue_of_the_only_store(network) -> None:
    create_staff_user(NewStaff("maya", "correct-horse-battery", "store_associate", ["ST-MAN"]))
    client = Client()

    response = client.post("/accounts/login/", {"username": "maya", "password": "correct-horse-battery"}, follow=True)

    assert response.redirect_chain == [("/store/", 302), ("/store/s/ST-MAN/", 302)]
    assert b"Work in progress" in response.content


def test_the_store_app_asks_to_sign_in(network) -> None:
    response = Client().get("/store/s/ST-MAN/")

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/store/s/ST-MAN/")


def test_a_manager_of_two_stores_chooses_one(staff_client) -> None:
    response = staff_client("nina", "store_manager", "ST-MAN", "ST-BKN").get("/store/")

    assert response.status_code == 200
    assert b"Brooklyn Atlantic" in response.content and b"Manhattan 5th Ave" in response.content


def test_the_steps_of_a_shipment_through_the_pages(staff_client, shipment) -> None:
    maya = staff_client("maya", "store_associate", "ST-MAN")
    page = f"/store/fulfilments/{shipment}/"

    picked = maya.post(f"{page}pick/", {"barcode": "4006381333955"}, follow=True)
    packed = maya.post(f"{page}pack/", {"weight_kg": ["0.3"]}, follow=True)
    shipped = maya.post(f"{page}ship/", {"carrier": "UPS", "tracking_number": "1Z999"}, follow=True)

    assert b"Picked Wool Beanie (1 of 1)" in picked.content
    assert b"Packed in 1 parcel" in packed.content
    assert b"Shipped with UPS 1Z999" in shipped.content
    assert FulfilmentOrder.objects.get(pk=shipment).status == "shipped"


def test_a_refused_step_shows_why_with_its_status_and_writes_nothing(staff_client, shipment, db_state) -> None:
    maya = staff_client("maya", "store_associate", "ST-MAN")
    before = db_state()

    response = maya.post(f"/store/fulfilments/{shipment}/ship/", {"carrier": "UPS", "tracking_number": "1Z"})

    assert response.status_code == 409
    assert b"pack the order before shipping it" in response.content
    assert db_state() == before


@pytest.mark.parametrize("path", ["", "pick/", "packing-slip/"])
def test_another_stores_work_is_not_found(staff_client, shipment, db_state, path) -> None:
    bram = staff_client("bram", "store_associate", "ST-BKN")
    before = db_state()

    response = (bram.post if path == "pick/" else bram.get)(
        f"/store/fulfilments/{shipment}/{path}", {"barcode": "4006381333955"}
    )

    assert response.status_code == 404
    assert db_state() == before


def test_another_stores_queue_is_forbidden(staff_client) -> None:
    response = staff_client("bram", "store_associate", "ST-BKN").get("/store/s/ST-MAN/")

    assert response.status_code == 403
    assert b"you do not work at store ST-MAN" in response.content


def test_the_packing_slip_lists_the_items(staff_client, shipment) -> None:
    response = staff_client("maya", "store_associate", "ST-MAN").get(f"/store/fulfilments/{shipment}/packing-slip/")

    assert response.status_code == 200
    assert b"Wool Beanie" in response.content and b"Ada Lovelace" in response.content
