"""What an order's waiting lines will be, decided before its rows are written."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.domain.waiting import WaitingKind
from crossdock.services.waiting.promises import Promise


@dataclass(frozen=True, slots=True)
class WaitingDraft:
    key: int  # the order line's index in the request
    kind: WaitingKind
    promises: list[Promise]
    window_id: int | None = None

    @property
    def quantity(self) -> int:
        return sum(p.quantity for p in self.promises)
