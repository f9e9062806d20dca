"""A routing decision for one order: which location ships which units, what is left unfilled, at what cost."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from crossdock.domain.routing.terms import Terms

if TYPE_CHECKING:
    from crossdock.domain.routing.problem import OrderProblem


class Method(StrEnum):
    SEARCH = "branch_and_bound"
    MILP = "highs_milp"


@dataclass(frozen=True, slots=True)
class Allocation:
    sku: str
    location: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Shortfall:
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Decision:
    """The exact optimum for one order. `method` says whether the search proved it or HiGHS did."""

    order_id: str
    allocations: tuple[Allocation, ...]
    unfilled: tuple[Shortfall, ...]
    terms: Terms
    method: Method
    nodes: int
    problem: OrderProblem | None = None

    @property
    def cost(self) -> float:
        return self.terms.cost

    @property
    def locations(self) -> tuple[str, ...]:
        """The locations that ship a parcel, in allocation order."""
        return tuple(dict.fromkeys(allocation.location for allocation in self.allocations))

    @property
    def parcels(self) -> int:
        return len(self.locations)
