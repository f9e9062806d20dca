"""The one gate for state changes: a move is legal only if the table lists it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from crossdock.domain.errors import IllegalTransition

State = TypeVar("State", bound=StrEnum)


def check_transition(
    table: Mapping[State, frozenset[State]], current: State, target: State, *, field: str | None = None
) -> State:
    """Return `target` if `current → target` is in `table`, else raise IllegalTransition."""
    if target not in table.get(current, frozenset()):
        raise IllegalTransition(f"cannot move from {current} to {target}", field=field)
    return target
