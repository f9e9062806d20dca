"""Bearer tokens with scopes. The scope is checked before the body is read."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from crossdock.domain.errors import PermissionDenied
from crossdock.services.tokens import Principal, authenticate


class TokenAuth(HttpBearer):
    """Accepts a live token; with `scope`, refuses (403) a token that lacks it."""

    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        principal = authenticate(token)
        if principal is not None and self.scope and not principal.allows(self.scope):
            raise PermissionDenied(f"this token lacks the {self.scope!r} scope", field="scope")
        return principal


def scoped(scope: str) -> TokenAuth:
    return TokenAuth(scope)


def caller(request: HttpRequest) -> Principal:
    """The authenticated principal of this request."""
    principal: Principal = request.auth  # type: ignore[attr-defined]
    return principal
