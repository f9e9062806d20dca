"""Sourcing engine: exact cost-based routing of orders to locations, with explanations.

The public API (see docs/routing.md):

    decision = route_order(order, locations=..., inventory=..., model=..., prices=..., excluded=...)
    explanation = explain(decision)           # every candidate, its terms, why each loser lost
    inventory.take(decision.allocations)      # commit, when routing several orders in a row

plus `LookaheadRouter` (opportunity costs), `solve_batch` (all orders as one MILP) and
`parse_instance` / `evaluation.run` for the `route-eval` benchmark interface.
"""

from crossdock.domain.routing.batch import BatchResult, BatchSettings, solve_batch
from crossdock.domain.routing.costs import CostModel
from crossdock.domain.routing.explain import CandidateVerdict, Explanation, Verdict, explain
from crossdock.domain.routing.inventory import Inventory
from crossdock.domain.routing.lookahead import LookaheadRouter, LookaheadSettings, estimate_prices
from crossdock.domain.routing.network import Line, Location, Network, Order
from crossdock.domain.routing.plan import Allocation, Decision, Method, Shortfall
from crossdock.domain.routing.prices import NO_PRICES, ShadowPrices
from crossdock.domain.routing.problem import Rule
from crossdock.domain.routing.route import route_order
from crossdock.domain.routing.sequential import OnlineRouter, Router, route_all
from crossdock.domain.routing.terms import Terms

__all__ = [
    "NO_PRICES",
    "Allocation",
    "BatchResult",
    "BatchSettings",
    "CandidateVerdict",
    "CostModel",
    "Decision",
    "Explanation",
    "Inventory",
    "Line",
    "Location",
    "LookaheadRouter",
    "LookaheadSettings",
    "Method",
    "Network",
    "OnlineRouter",
    "Order",
    "Router",
    "Rule",
    "ShadowPrices",
    "Shortfall",
    "Terms",
    "Verdict",
    "estimate_prices",
    "explain",
    "route_all",
    "route_order",
    "solve_batch",
]
