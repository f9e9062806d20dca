"""A store's reliability score: how it was learned from the outcomes of the offers it was made."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from crossdock.api.auth import scoped
from crossdock.api.schemas.common import ErrorOut
from crossdock.api.schemas.reliability import ReliabilityOut, ReliabilityQuery
from crossdock.services import clock
from crossdock.services.reliability.view import ReliabilityView, store_reliability

router = Router(tags=["offers and routing"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/locations/{code}/reliability", auth=scoped("orders:read"), response={200: ReliabilityOut, **ERRORS})
def reliability(request: HttpRequest, code: str, query: Query[ReliabilityQuery]) -> ReliabilityView:
    """The location's reliability score now (the prior moved by its time-decayed offer history), what it is
    made of, and its `last` latest outcomes with the value and weight of each. 404 for an unknown location."""
    return store_reliability(code, now=clock.now(), last=query.last)
