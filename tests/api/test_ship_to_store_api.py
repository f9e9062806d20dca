"""Ship to store over HTTP: a pickup in Brooklyn for a runner only Manhattan has — Manhattan picks, packs and
ships it to Brooklyn, Brooklyn receives it and hands it over; the order and its routing say so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from crossdock.db.models import FulfilmentOrder, PickupHandover
from crossdock.services.staff.create_user import NewStaff, create_staff_user

WORK = "/api/v1/store-work/fulfilments"


@pytest.fixture
def associate(network: Any) -> Callable[[str, str], Client]:
    def sign_in(username: str, store: str) -> Client:
        create_staff_user(NewStaff(username, "correct-horse-battery", "store_associate", [store], False))
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in


@pytest.fixture
def order_id(api: Client, stock: Callable[..., Any], order_body: dict[str, Any]) -> int:
    """Ada's pickup of one runner in Brooklyn; Manhattan holds the only 3."""
    stock("ST-MAN", "RETRO-RUNNER-42", 3)
    body = order_body | {
        "lines": [{"sku": "RETRO-RUNNER-42", "quantity": 1, "delivery_method": "pickup", "location": "ST-BKN"}]
    }
    created = api.post("/api/v1/orders", body, content_type="application/json")
    assert created.status_code == 201
    return int(created.json()["id"])


def post(client: Client, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


def test_manhattan_ships_to_brooklyn_which_receives_and_hands_over(api, associate, order_id, error_of) -> None:
    maya, bram = associate("maya", "ST-MAN"), associate("bram", "ST-BKN")
    transfer = FulfilmentOrder.objects.get(order_id=order_id).pk
    [working] = maya.get("/api/v1/store-work/stores/ST-MAN/queue").json()["in_progress"]
    assert (working["fulfilment_id"], working["destination"]) == (transfer, "store ST-BKN for pickup")
    [coming] = bram.get("/api/v1/store-work/stores/ST-BKN/queue").json()["arriving"]
    assert (coming["fulfilment_id"], coming["source"], coming["status"], coming["can_receive"]) == (
        transfer,
        "ST-MAN",
        "assigned",
        False,
    )
    assert error_of(post(bram, f"{WORK}/{transfer}/receive")) == (409, "illegal_transition", "fulfilment_id")

    post(maya, f"{WORK}/{transfer}/picks", {"barcode": "4006381333931"})
    post(maya, f"{WORK}/{transfer}/pack", {"parcels": [{"weight_kg": "0.900"}]})
    shipped = post(maya, f"{WORK}/{transfer}/ship", {"carrier": "UPS", "tracking_number": "1Z999"})
    assert shipped.json()["status"] == "in_transit"
    assert error_of(post(maya, f"{WORK}/{transfer}/receive")) == (404, "not_found", "fulfilment_id")

    received = post(bram, f"{WORK}/{transfer}/receive")

    assert received.status_code == 200
    pickup = received.json()["pickup_fulfilment_id"]
    assert received.json() == {
        "fulfilment_id": transfer,
        "order_id": order_id,
        "status": "received",
        "pickup_fulfilment_id": pickup,
    }
    assert error_of(post(bram, f"{WORK}/{transfer}/receive")) == (409, "illegal_transition", "fulfilment_id")
    assert post(bram, f"{WORK}/{pickup}/ready-for-pickup").json()["status"] == "ready_for_pickup"
    code = PickupHandover.objects.get(fulfilment_id=pickup).code
    assert post(bram, f"{WORK}/{pickup}/handover", {"code": code}).json()["status"] == "collected"

    order = api.get(f"/api/v1/orders/{order_id}").json()
    assert order["status"] == "completed"
    assert [(f["location"], f["status"], f["ships_to"]) for f in order["fulfilments"]] == [
        ("ST-MAN", "received", "ST-BKN"),
        ("ST-BKN", "collected", None),
    ]
    types = [event["type"] for event in order["timeline"]]
    assert types.index("TransferShipped") < types.index("TransferReceived") < types.index("ReadyForPickup")
    [decision] = api.get(f"/api/v1/orders/{order_id}/routing").json()
    assert (decision["reason"], decision["destination"]) == ("ship_to_store", [40.684, -73.9772])
    assert [a["location"] for a in decision["allocations"]] == ["ST-MAN"]
