"""The transition tables: every listed move passes the gate, every other move raises."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import pytest

from crossdock.domain.errors import IllegalTransition
from crossdock.domain.fulfilment import CANCELLABLE, FULFILMENT_TRANSITIONS, FulfilmentStatus
from crossdock.domain.orders import LINE_TRANSITIONS, ORDER_TRANSITIONS, LineStatus, OrderStatus
from crossdock.domain.transitions import check_transition

TABLES: dict[str, Mapping[StrEnum, frozenset[StrEnum]]] = {
    "order": ORDER_TRANSITIONS,  # type: ignore[dict-item]
    "line": LINE_TRANSITIONS,  # type: ignore[dict-item]
    "fulfilment": FULFILMENT_TRANSITIONS,  # type: ignore[dict-item]
}
STATES: dict[str, type[StrEnum]] = {"order": OrderStatus, "line": LineStatus, "fulfilment": FulfilmentStatus}


def _moves(legal: bool) -> list[tuple[str, StrEnum, StrEnum]]:
    return [
        (name, current, target)
        for name, table in TABLES.items()
        for current in STATES[name]
        for target in STATES[name]
        if (target in table[current]) == legal
    ]


@pytest.mark.parametrize("name", list(TABLES))
def test_every_state_has_a_row_in_its_table(name: str) -> None:
    assert set(TABLES[name]) == set(STATES[name])


@pytest.mark.parametrize(("name", "current", "target"), _moves(legal=True))
def test_a_listed_move_returns_the_target(name: str, current: StrEnum, target: StrEnum) -> None:
    assert check_transition(TABLES[name], current, target) == target


@pytest.mark.parametrize(("name", "current", "target"), _moves(legal=False))
def test_every_unlisted_move_raises_illegal_transition(name: str, current: StrEnum, target: StrEnum) -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(TABLES[name], current, target, field="status")

    assert raised.value.message == f"cannot move from {current} to {target}"
    assert raised.value.field == "status"
    assert raised.value.code == "illegal_transition"
    assert raised.value.status == 409


def test_no_state_moves_to_itself() -> None:
    assert [move for move in _moves(legal=True) if move[1] == move[2]] == []


def test_terminal_states_allow_no_move() -> None:
    terminal = {
        "order": {OrderStatus.COMPLETED, OrderStatus.CANCELLED},
        "line": {LineStatus.FULFILLED, LineStatus.CANCELLED},
        "fulfilment": {
            FulfilmentStatus.SHIPPED,
            FulfilmentStatus.COLLECTED,
            FulfilmentStatus.RECEIVED,
            FulfilmentStatus.UNCLAIMED,
            FulfilmentStatus.EXPIRED,
            FulfilmentStatus.WITHDRAWN,
            FulfilmentStatus.CANCELLED,
        },
    }

    assert {name: {s for s in STATES[name] if not TABLES[name][s]} for name in TABLES} == terminal


def test_a_packed_fulfilment_cannot_be_cancelled() -> None:
    with pytest.raises(IllegalTransition):
        check_transition(FULFILMENT_TRANSITIONS, FulfilmentStatus.PACKED, FulfilmentStatus.CANCELLED)


def test_cancellable_fulfilments_are_exactly_those_whose_stock_has_not_left() -> None:
    assert {
        FulfilmentStatus.ASSIGNED,
        FulfilmentStatus.OFFERED,
        FulfilmentStatus.CLAIMED,
        FulfilmentStatus.PICKING,
        FulfilmentStatus.READY_FOR_PICKUP,
        FulfilmentStatus.HELD,
    } == CANCELLABLE
    assert all(FulfilmentStatus.CANCELLED in FULFILMENT_TRANSITIONS[status] for status in CANCELLABLE)
