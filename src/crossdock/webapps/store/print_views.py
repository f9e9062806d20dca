"""Pages meant for paper: the packing slip."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crossdock.domain.staff import StaffScope
from crossdock.services.store_work.detail import fulfilment_detail
from crossdock.webapps.store.session import staff_view


@require_GET
@staff_view
def packing_slip(request: HttpRequest, fulfilment_id: int, *, scope: StaffScope) -> HttpResponse:
    return render(request, "store/packing_slip.html", {"work": fulfilment_detail(fulfilment_id, scope=scope)})
