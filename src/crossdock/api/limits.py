"""Refuse oversized API bodies before anything reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and _declared_length(request) > settings.CROSSDOCK_MAX_BODY_BYTES:
            return JsonResponse(
                {
                    "code": "body_too_large",
                    "message": f"request body is larger than {settings.CROSSDOCK_MAX_BODY_BYTES} bytes",
                    "field": None,
                },
                status=413,
            )
        return self.get_response(request)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
