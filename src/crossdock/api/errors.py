"""Every error leaves the API as {code, message, field}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from crossdock.domain.errors import DomainError

logger = logging.getLogger(__name__)

HTTP_CODES = {
    400: "malformed_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    429: "throttled",
}


def error_body(code: str, message: str, field: str | None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field, **extra}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, error_body(exc.code, exc.message, exc.field), status=exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_describe(error) for error in exc.errors]
        first = errors[0] if errors else {"message": "invalid request", "field": None}
        body = error_body("invalid", str(first["message"]), first["field"], errors=errors)
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = error_body("unauthenticated", "a valid API token is required (Authorization: Bearer …)", "Authorization")
        return api.create_response(request, body, status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = "malformed_json" if exc.status_code == 400 else HTTP_CODES.get(exc.status_code, "error")
        field = "body" if exc.status_code == 400 else None
        return api.create_response(request, error_body(code, str(exc), field), status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", "no such resource", None), status=404)


def _describe(error: dict[str, Any]) -> dict[str, Any]:
    location = [part for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path", "header")]
    return {"field": _dotted(location) or None, "message": error.get("msg", "invalid value"), "type": error.get("type")}


def _dotted(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
