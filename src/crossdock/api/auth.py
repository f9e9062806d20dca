"""Bearer tokens with scopes."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from crossdock.domain.errors import PermissionDenied
from crossdock.services.tokens import Principal, authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        return authenticate(token)


def require(request: HttpRequest, scope: str) -> Principal:
    """The caller, if its token carries `scope`; else PermissionDenied (403)."""
    principal: Principal = request.auth  # type: ignore[attr-defined]
    if not principal.allows(scope):
        raise PermissionDenied(f"this token lacks the {scope!r} scope", field="scope")
    return principal
