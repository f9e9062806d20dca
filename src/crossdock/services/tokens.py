"""API tokens: created once, shown once, stored as a hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from crossdock.db.models import ApiToken
from crossdock.domain.errors import InvalidInput
from crossdock.services import clock

SCOPES = frozenset(
    {
        "orders:read",
        "orders:write",
        "inventory:read",
        "inventory:write",
        "routing:read",
        "routing:write",
        "stores:write",
        "admin",
    }
)
TOKEN_PREFIX = "cdk_"


@dataclass(frozen=True, slots=True)
class Principal:
    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return "admin" in self.scopes or scope in self.scopes

    @property
    def actor(self) -> str:
        return f"api:{self.name}"


def create_token(name: str, scopes: list[str], *, secret: str | None = None) -> str:
    """Create a token and return its secret (the only time it is seen). Raises InvalidInput."""
    unknown = sorted(set(scopes) - SCOPES)
    if unknown or not scopes:
        raise InvalidInput(f"scopes must be among {sorted(SCOPES)}; got {unknown or 'none'}", field="scopes")
    if not name.strip():
        raise InvalidInput("a token needs a name", field="name")
    secret = secret or TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        name=name, prefix=secret[:8], secret_hash=_hash(secret), scopes=sorted(set(scopes)), created_at=clock.now()
    )
    return secret


def authenticate(secret: str) -> Principal | None:
    token = (
        ApiToken.objects.filter(secret_hash=_hash(secret), revoked_at__isnull=True)
        .values_list("name", "scopes")
        .first()
    )
    if token is None:
        return None
    return Principal(name=token[0], scopes=frozenset(token[1]))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
