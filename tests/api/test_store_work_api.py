"""The store-work API: session auth for staff, confined to their stores, errors as {code, message, field}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from crossdock.db.models import FulfilmentOrder, PickupHandover
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.staff.create_user import NewStaff, create_staff_user

WORK = "/api/v1/store-work/fulfilments"


@pytest.fixture
def signed_in(network: Any) -> Callable[..., Client]:
    """A client signed in as a new staff member: `signed_in("maya", "store_associate", "ST-MAN")`."""

    def sign_in(username: str, role: str, *stores: str, csrf: bool = False) -> Client:
        create_staff_user(
            NewStaff(username, "correct-horse-battery", role, list(stores), check_password_strength=False)
        )
        client = Client(raise_request_exception=False, enforce_csrf_checks=csrf)
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in


@pytest.fixture
def maya(signed_in: Callable[..., Client]) -> Client:
    return signed_in("maya", "store_associate", "ST-MAN")


@pytest.fixture
def bram(signed_in: Callable[..., Client]) -> Client:
    return signed_in("bram", "store_associate", "ST-BKN")


@pytest.fixture
def shipment(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    """A web order for a beanie, shipped from the Manhattan store (its only stock)."""
    stock("ST-MAN", "WOOL-BEANIE", 2)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP))
    return FulfilmentOrder.objects.get(order_id=order_id).pk


@pytest.fixture
def pickup(stock: Callable[..., Any], place: Callable[..., int]) -> int:
    stock("ST-MAN", "WOOL-BEANIE", 2)
    order_id = place(RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.PICKUP, "ST-MAN"))
    return FulfilmentOrder.objects.get(order_id=order_id).pk


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


def test_an_associate_ships_an_order_step_by_step(maya, shipment) -> None:
    assert post(maya, f"{WORK}/{shipment}/picks", {"barcode": "4006381333955"}).json()["list_complete"] is True
    assert post(maya, f"{WORK}/{shipment}/pack", {"parcels": [{"weight_kg": "0.250"}]}).json()["status"] == "packed"

    shipped = post(maya, f"{WORK}/{shipment}/ship", {"carrier": "UPS", "tracking_number": "1Z999"})

    assert shipped.status_code == 200
    assert shipped.json() == {
        "fulfilment_id": shipment,
        "order_id": shipped.json()["order_id"],
        "status": "shipped",
        "replayed": False,
    }
    detail = maya.get(f"{WORK}/{shipment}").json()
    assert (detail["carrier"], detail["tracking_number"], detail["order_status"]) == ("UPS", "1Z999", "completed")
    assert [(e["type"], e["actor"]) for e in detail["timeline"]][-4:] == [
        ("PickingStarted", "staff:maya"),
        ("ItemPicked", "staff:maya"),
        ("FulfilmentPacked", "staff:maya"),
        ("FulfilmentShipped", "staff:maya"),
    ]


def test_the_queue_and_stores_of_an_associate(maya, shipment) -> None:
    assert maya.get("/api/v1/store-work/stores").json() == [
        {"id": FulfilmentOrder.objects.get().location_id, "code": "ST-MAN", "name": "Manhattan 5th Ave"}
    ]
    queue = maya.get("/api/v1/store-work/stores/ST-MAN/queue").json()
    assert [(i["fulfilment_id"], i["status"], i["units"]) for i in queue["in_progress"]] == [(shipment, "assigned", 1)]


def test_pickup_handover_with_a_wrong_then_the_right_code(maya, pickup, db_state, error_of) -> None:
    post(maya, f"{WORK}/{pickup}/picks", {"barcode": "4006381333955"})
    assert post(maya, f"{WORK}/{pickup}/ready-for-pickup").json()["status"] == "ready_for_pickup"
    code = PickupHandover.objects.get().code
    wrong = "000000" if code != "000000" else "111111"
    before = db_state()

    assert error_of(post(maya, f"{WORK}/{pickup}/handover", {"code": wrong})) == (422, "wrong_pickup_code", "code")
    assert db_state() == before

    assert post(maya, f"{WORK}/{pickup}/handover", {"code": code}).json()["status"] == "collected"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("", None),
        ("/start-picking", {}),
        ("/picks", {"barcode": "4006381333955"}),
        ("/ship", {"carrier": "UPS", "tracking_number": "1Z"}),
        ("/handover", {"code": "123456"}),
    ],
)
def test_another_stores_work_is_not_found(bram, shipment, db_state, error_of, path, body) -> None:
    before = db_state()

    response = bram.get(f"{WORK}/{shipment}") if body is None else post(bram, f"{WORK}/{shipment}{path}", body)

    assert error_of(response) == (404, "not_found", "fulfilment_id")
    assert db_state() == before


def test_another_stores_queue_is_forbidden(bram, error_of) -> None:
    assert error_of(bram.get("/api/v1/store-work/stores/ST-MAN/queue")) == (403, "forbidden", "store")


def test_refusals_are_clear_and_write_nothing(maya, shipment, db_state, error_of) -> None:
    before = db_state()

    assert error_of(post(maya, f"{WORK}/{shipment}/ship", {"carrier": "UPS", "tracking_number": "1Z"})) == (
        409,
        "illegal_transition",
        "fulfilment_id",
    )
    assert error_of(post(maya, f"{WORK}/{shipment}/picks", {"barcode": "0000000000000"})) == (
        422,
        "not_on_pick_list",
        "barcode",
    )
    assert error_of(post(maya, f"{WORK}/{shipment}/pack", {"parcels": []})) == (422, "invalid", "parcels")
    assert error_of(post(maya, f"{WORK}/{shipment}/picks", {"barcode": "x", "colour": "red"})) == (
        422,
        "invalid",
        "colour",
    )
    assert db_state() == before


def test_without_a_session_the_api_asks_to_sign_in(anonymous, shipment, error_of) -> None:
    assert error_of(anonymous.get(f"{WORK}/{shipment}"))[0] == 401


def test_a_session_without_a_staff_role_is_forbidden(network, error_of) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.create_user("visitor", password="correct-horse-battery"))

    assert error_of(client.get("/api/v1/store-work/stores")) == (403, "forbidden", None)


def test_a_post_without_the_csrf_token_is_refused(signed_in, shipment, db_state) -> None:
    client = signed_in("maya", "store_associate", "ST-MAN", csrf=True)
    before = db_state()

    response = post(client, f"{WORK}/{shipment}/start-picking")

    assert response.status_code == 403
    assert db_state() == before
