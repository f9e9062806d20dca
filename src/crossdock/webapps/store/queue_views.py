"""The store picker, the store's queue (and its polled fragment) and the combined pick list."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from crossdock.domain.errors import DomainError, InvalidInput
from crossdock.domain.staff import ROLE_LABELS, StaffScope
from crossdock.services.staff.scope import stores_of
from crossdock.services.store_work.combined import combined_pick_list
from crossdock.services.store_work.queue import store_queue
from crossdock.webapps.store.session import staff_view

POLL_SECONDS = 10


@require_GET
@staff_view
def index(request: HttpRequest, *, scope: StaffScope) -> HttpResponse:
    """Straight to the queue for one store; a picker for several."""
    stores = stores_of(scope)
    if len(stores) == 1:
        return redirect("store:queue", store_code=stores[0].code)
    return render(request, "store/picker.html", {"stores": stores, "role": ROLE_LABELS[scope.role]})


@require_GET
@staff_view
def queue(request: HttpRequest, store_code: str, *, scope: StaffScope) -> HttpResponse:
    return queue_page(request, store_code, scope)


def queue_page(
    request: HttpRequest, store_code: str, scope: StaffScope, error: DomainError | None = None
) -> HttpResponse:
    """The queue, with a refusal on top (and its 4xx status) when an action from it was refused."""
    context = {"queue": store_queue(store_code, scope=scope), "poll_seconds": poll_seconds(), "error": error}
    context["several_stores"] = len(stores_of(scope)) > 1
    return render(request, "store/queue.html", context, status=error.status if error else 200)


@require_GET
@staff_view
def queue_items(request: HttpRequest, store_code: str, *, scope: StaffScope) -> HttpResponse:
    """The lists alone, for htmx polling; the offers travel along out of band (they sit outside the lists)."""
    context = {"queue": store_queue(store_code, scope=scope), "offers_out_of_band": True}
    return render(request, "store/_queue_items.html", context)


def poll_seconds() -> int:
    """How often the queue refreshes itself: `CROSSDOCK_STORE_POLL_SECONDS` (10 unless set; tests go faster)."""
    return int(getattr(settings, "CROSSDOCK_STORE_POLL_SECONDS", POLL_SECONDS))


@require_GET
@staff_view
def combined(request: HttpRequest, store_code: str, *, scope: StaffScope) -> HttpResponse:
    try:
        ids = [int(value) for value in request.GET.getlist("f")]
    except ValueError:
        raise InvalidInput("choose orders from the queue", field="fulfilments") from None
    pick_list = combined_pick_list(store_code, ids, scope=scope)
    return render(request, "store/combined.html", {"pick_list": pick_list})
