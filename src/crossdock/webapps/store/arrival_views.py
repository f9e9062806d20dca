"""Ship to store in the store app: receive, from the queue, what another location shipped here for a pickup."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from crossdock.domain.errors import DomainError
from crossdock.domain.staff import StaffScope
from crossdock.services.store_work.receive import receive_for_pickup
from crossdock.webapps.store.queue_views import queue_page
from crossdock.webapps.store.session import staff_view


@require_POST
@staff_view
def receive(request: HttpRequest, store_code: str, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    """Received: on to the pickup work it became (mark it ready). Refused: the queue again, with the reason."""
    try:
        received = receive_for_pickup(fulfilment_id, scope=scope)
    except DomainError as error:
        return queue_page(request, store_code, scope, error)
    messages.success(request, "Received: it waits here for the customer. Mark it ready for pickup")
    return redirect("store:fulfilment", fulfilment_id=received.pickup_fulfilment_id)
