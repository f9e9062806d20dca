"""Why a decision is what it is: every location, its cost terms, and why each loser lost.

A loser is either infeasible (the rule that ruled it out) or costlier: the cheapest plan that
opens it — added to the chosen locations, or swapped for one of them (see `whatif`) — costs this
much more, mostly through this term. The chosen plan is optimal, so no such plan is cheaper.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from crossdock.domain.routing import costs
from crossdock.domain.routing.breakdown import plan_terms
from crossdock.domain.routing.plan import Decision
from crossdock.domain.routing.problem import OrderProblem, fixed_terms
from crossdock.domain.routing.terms import Terms
from crossdock.domain.routing.whatif import WhatIf


class Verdict(StrEnum):
    CHOSEN = "chosen"
    COSTLIER = "costlier"
    INFEASIBLE = "infeasible"


@dataclass(frozen=True, slots=True)
class CandidateVerdict:
    location: str
    verdict: Verdict
    reason: str
    km: float | None = None
    parcel_terms: Mapping[str, float] = field(default_factory=dict)
    unit_rate: float | None = None
    available: Mapping[str, int] = field(default_factory=dict)
    ships: Mapping[str, int] = field(default_factory=dict)
    rule: str | None = None
    extra_cost: float | None = None
    through: str | None = None
    differences: Mapping[str, float] = field(default_factory=dict)
    alternative: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    order_id: str
    method: str
    nodes: int
    cost: float
    terms: Mapping[str, float]
    parcels: int
    candidates: tuple[CandidateVerdict, ...]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready (what the order's routing record stores): lists and plain strings."""
        data = asdict(self)
        data["candidates"] = [
            candidate | {"verdict": str(candidate["verdict"]), "alternative": list(candidate["alternative"])}
            for candidate in data["candidates"]
        ]
        return data


def explain(decision: Decision) -> Explanation:
    """The explanation of a decision made by `route_order` (it keeps its problem for this)."""
    problem = decision.problem
    if problem is None:
        raise ValueError("this decision carries no problem to explain")
    index_of = {candidate.location.id: index for index, candidate in enumerate(problem.candidates)}
    chosen = tuple(sorted(index_of[location] for location in decision.locations))
    what_if = WhatIf(problem, chosen)
    verdicts = [_verdict(problem, decision, what_if, index) for index in range(len(problem.candidates))]
    verdicts.sort(key=lambda v: (v.verdict != Verdict.CHOSEN, v.extra_cost or 0.0, v.location))
    verdicts += [
        CandidateVerdict(r.location, Verdict.INFEASIBLE, f"infeasible: {r.detail}", rule=r.rule)
        for r in problem.rejections()
    ]
    return Explanation(
        order_id=decision.order_id,
        method=str(decision.method),
        nodes=decision.nodes,
        cost=round(decision.cost, 6),
        terms=decision.terms.as_dict(),
        parcels=decision.parcels,
        candidates=tuple(verdicts),
    )


def _verdict(problem: OrderProblem, decision: Decision, what_if: WhatIf, index: int) -> CandidateVerdict:
    candidate = problem.candidates[index]
    location = candidate.location.id
    parcel = fixed_terms(problem.model, candidate)
    verdict = CandidateVerdict(
        location,
        Verdict.COSTLIER,
        "",
        km=round(candidate.km, 3),
        parcel_terms=parcel.as_dict(),
        unit_rate=candidate.rate,
        available={sku: units for sku, units in zip(problem.skus, candidate.stock, strict=True) if units},
    )
    if location in decision.locations:
        ships = {a.sku: a.quantity for a in decision.allocations if a.location == location}
        reason = "ships " + ", ".join(f"{quantity} × {sku}" for sku, quantity in ships.items())
        return replace(verdict, verdict=Verdict.CHOSEN, reason=reason, ships=ships)
    alternative, idle = what_if.cheapest_with(index)
    terms = (
        _idle_parcel(problem, decision, parcel)
        if idle
        else plan_terms(problem, *what_if.plan(alternative), alternative)
    )
    through, _ = terms.main_difference(decision.terms)
    extra = terms.priced - decision.terms.priced
    names = tuple(problem.candidates[member].location.id for member in alternative)
    reason = (
        f"costlier by {extra:.4f}: the cheapest plan using it ({', '.join(names)}) "
        f"pays {getattr(terms, through) - getattr(decision.terms, through):+.4f} in {through}"
    )
    differences = terms.differences(decision.terms)
    return replace(
        verdict, reason=reason, extra_cost=round(extra, 6), through=through, differences=differences, alternative=names
    )


def _idle_parcel(problem: OrderProblem, decision: Decision, parcel: Terms) -> Terms:
    """The chosen plan plus one more parcel that ships nothing it could ship cheaper."""
    model, parcels = problem.model, decision.parcels
    split = costs.split_cost(model, parcels + 1) - costs.split_cost(model, parcels)
    return decision.terms + parcel + Terms(split=split)
