"""A store user sees and acts on its own store's work only (DESIGN §5.5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossdock.domain.errors import InvalidInput, NotFound, PermissionDenied
from crossdock.services.store_work.combined import combined_pick_list
from crossdock.services.store_work.confirm_pick import PickRequest, confirm_pick
from crossdock.services.store_work.detail import fulfilment_detail
from crossdock.services.store_work.handover import HandoverRequest, hand_over
from crossdock.services.store_work.pack import PackRequest, pack_fulfilment
from crossdock.services.store_work.pickup import mark_ready_for_pickup
from crossdock.services.store_work.queue import store_queue
from crossdock.services.store_work.ship import ShipRequest, ship_fulfilment
from crossdock.services.store_work.short_pick import ShortRequest, short_pick
from crossdock.services.store_work.start_picking import start_picking

STEPS = {
    "detail": lambda f, scope: fulfilment_detail(f, scope=scope),
    "start": lambda f, scope: start_picking(f, scope=scope),
    "pick": lambda f, scope: confirm_pick(f, PickRequest(barcode="4006381333955"), scope=scope),
    "short": lambda f, scope: short_pick(f, ShortRequest(line_id=1, missing=1), scope=scope),
    "pack": lambda f, scope: pack_fulfilment(f, PackRequest([Decimal(1)]), scope=scope),
    "ship": lambda f, scope: ship_fulfilment(f, ShipRequest("UPS", "1Z"), scope=scope),
    "ready": lambda f, scope: mark_ready_for_pickup(f, scope=scope),
    "hand over": lambda f, scope: hand_over(f, HandoverRequest(code="123456"), scope=scope),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_another_stores_work_does_not_exist_for_an_associate(bram, ship_from_manhattan, db_state, step) -> None:
    before = db_state()

    with pytest.raises(NotFound, match=f"fulfilment {ship_from_manhattan} is not at any of your stores"):
        STEPS[step](ship_from_manhattan, bram)

    assert db_state() == before


def test_a_customer_service_agent_does_no_store_work(staff, ship_from_manhattan) -> None:
    agent = staff("cleo", "customer_service")

    with pytest.raises(PermissionDenied, match="a customer-service agent does no store work"):
        start_picking(ship_from_manhattan, scope=agent)


def test_an_operations_admin_may_act_at_any_store(staff, ship_from_manhattan) -> None:
    admin = staff("olga", "operations_admin")

    assert start_picking(ship_from_manhattan, scope=admin).status == "picking"


def test_a_manager_of_two_stores_works_at_both(staff, ship_from_manhattan, pickup_in_brooklyn) -> None:
    manager = staff("nina", "store_manager", "ST-MAN", "ST-BKN")

    assert start_picking(ship_from_manhattan, scope=manager).status == "picking"
    assert start_picking(pickup_in_brooklyn, scope=manager).status == "picking"


def test_another_stores_queue_is_forbidden(bram, ship_from_manhattan) -> None:
    with pytest.raises(PermissionDenied, match="you do not work at store ST-MAN"):
        store_queue("ST-MAN", scope=bram)


def test_another_stores_fulfilments_cannot_join_a_combined_list(bram, ship_from_manhattan, pickup_in_brooklyn) -> None:
    with pytest.raises(InvalidInput, match=f"fulfilment {ship_from_manhattan} is not at ST-BKN"):
        combined_pick_list("ST-BKN", [pickup_in_brooklyn, ship_from_manhattan], scope=bram)
