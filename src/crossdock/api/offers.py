"""Offers to stores (claim, unclaim, what a store is offered) and how an order was routed."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from crossdock.api.auth import caller, scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.offers import ClaimIn, ClaimOut, DecisionOut, OpenOfferOut, UnclaimIn, UnclaimOut
from crossdock.services.offers.claim import ClaimedOffer, claim_offer
from crossdock.services.offers.queries import OpenOffer, open_offers
from crossdock.services.offers.unclaim import Unclaimed, unclaim_fulfilment
from crossdock.services.routing.explanations import DecisionView, order_routing

router = Router(tags=["offers and routing"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/orders/{int:order_id}/routing", auth=scoped("orders:read"), response={200: list[DecisionOut], **ERRORS})
def routing(request: HttpRequest, order_id: int) -> list[DecisionView]:
    """Every routing decision of the order (placement, re-routes): profile, cost terms, and the explanation —
    each candidate location, and why each loser lost (the rule that ruled it out, or by how much it was costlier
    and through which term)."""
    return order_routing(order_id)


@router.get("/locations/{code}/offers", auth=scoped("orders:read"), response={200: list[OpenOfferOut], **ERRORS})
def offers(request: HttpRequest, code: str) -> list[OpenOffer]:
    """The store's open offers, soonest to expire first."""
    return open_offers(code)


@router.post("/fulfilments/{int:fulfilment_id}/claim", auth=scoped("stores:write"), response={200: ClaimOut, **ERRORS})
def claim(request: HttpRequest, fulfilment_id: int, payload: ClaimIn) -> ClaimedOffer:
    """The store claims the offer; the other stores' offers are withdrawn. A repeat by the same store answers
    the same (`replayed: true`); a claim of an offer already withdrawn or claimed by another store is 409."""
    return claim_offer(fulfilment_id, location=payload.location, actor=caller(request).actor)


@router.post(
    "/fulfilments/{int:fulfilment_id}/unclaim", auth=scoped("stores:write"), response={200: UnclaimOut, **ERRORS}
)
def unclaim(request: HttpRequest, fulfilment_id: int, payload: UnclaimIn) -> Unclaimed:
    """The store gives claimed work back with a reason; the order is routed again without it
    (`out_of_stock` also corrects the store's stock of those SKUs)."""
    return unclaim_fulfilment(
        fulfilment_id, location=payload.location, reason=payload.reason, note=payload.note, actor=caller(request).actor
    )
