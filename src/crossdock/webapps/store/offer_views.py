"""Offers in the store app: claim one from the queue, give claimed work back with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from django.views.decorators.http import require_POST

from crossdock.domain.errors import DomainError
from crossdock.domain.staff import StaffScope
from crossdock.services.offers.unclaim import Unclaimed
from crossdock.services.store_work.offers import claim_for_store, unclaim_for_store
from crossdock.webapps.store.queue_views import queue_page
from crossdock.webapps.store.session import staff_view
from crossdock.webapps.store.work_views import work_page


@require_POST
@staff_view
def claim(request: HttpRequest, store_code: str, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    """Claimed: on to its pick list. Refused (withdrawn, expired): the queue again, with the reason."""
    try:
        claimed = claim_for_store(fulfilment_id, scope=scope)
    except DomainError as error:
        return queue_page(request, store_code, scope, error)
    said = "You had already claimed this order" if claimed.replayed else "Claimed: this order is yours to pick"
    messages.success(request, said)
    return redirect("store:fulfilment", fulfilment_id=fulfilment_id)


@require_POST
@staff_view
def unclaim(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    """Given back: to the queue, saying where the order goes now. Refused: the page again, with the reason."""
    try:
        unclaimed = unclaim_for_store(
            fulfilment_id, scope=scope, reason=request.POST.get("reason", ""), note=request.POST.get("note", "")
        )
    except DomainError as error:
        return work_page(request, fulfilment_id, scope, error)
    messages.success(request, given_back(unclaimed))
    try:
        return redirect("store:queue", store_code=request.POST.get("store", ""))
    except NoReverseMatch:  # the form's store field was tampered with: the store picker will do
        return redirect("store:index")


def given_back(unclaimed: Unclaimed) -> str:
    """What became of work a store gave back, in one sentence."""
    rerouted = unclaimed.rerouted
    if rerouted.offered_rounds:
        where = "it has been offered to other stores"
    elif rerouted.allocated:
        where = "it has been sent to another location"
    else:
        where = "no other location has the items now, so it waits for stock"
    corrected = sorted(unclaimed.stock_corrected.items())
    stock = "".join(f". Your on-hand of {sku} is now {units}" for sku, units in corrected)
    return f"Order given back ({unclaimed.reason.replace('_', ' ')}): {where}{stock}"
