"""Who is signed in, as a staff scope; domain errors shown as a page with their HTTP status."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crossdock.domain.errors import DomainError
from crossdock.domain.staff import StaffScope
from crossdock.services.staff.scope import scope_for_user

View = Callable[..., HttpResponse]


def staff_view(view: Callable[..., HttpResponse]) -> View:
    """Signed in (else to the login page), with a staff role; the view gets the scope as `scope`.
    A domain error the view lets through becomes an error page with the error's status (403, 404, …)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, scope=scope_of(request), **kwargs)
        except DomainError as error:
            return error_page(request, error)

    return wrapped


def scope_of(request: HttpRequest) -> StaffScope:
    return scope_for_user(int(request.user.pk))  # type: ignore[arg-type]


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    titles = {403: "Not your store", 404: "Not found"}
    context = {"title": titles.get(error.status, "Cannot do that"), "error": error}
    return render(request, "store/error.html", context, status=error.status)
