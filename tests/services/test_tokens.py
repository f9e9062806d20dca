"""API tokens: shown once, stored as a hash, carrying scopes."""

from __future__ import annotations

import hashlib

import pytest

from crossdock.db.models import ApiToken
from crossdock.domain.errors import InvalidInput
from crossdock.services import clock
from crossdock.services.tokens import Principal, authenticate, create_token


def test_a_new_token_is_returned_once_and_only_its_hash_is_stored(db) -> None:
    secret = create_token("erp-bridge", ["orders:read", "orders:write"])

    token = ApiToken.objects.get()
    assert secret.startswith("cdk_")
    assert len(secret) > 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    assert secret not in {token.name, token.prefix, token.secret_hash}
    assert (token.name, token.scopes, token.revoked_at) == ("erp-bridge", ["orders:read", "orders:write"], None)


def test_scopes_are_stored_once_and_sorted(db) -> None:
    create_token("pos-feed", ["inventory:write", "inventory:read", "inventory:write"])

    assert ApiToken.objects.get().scopes == ["inventory:read", "inventory:write"]


def test_a_chosen_secret_is_kept(db) -> None:
    assert create_token("demo", ["admin"], secret="cdk_demo-secret-for-the-readme") == "cdk_demo-secret-for-the-readme"
    assert authenticate("cdk_demo-secret-for-the-readme") == Principal(name="demo", scopes=frozenset({"admin"}))


def test_the_secret_authenticates_as_the_token_with_its_scopes(db) -> None:
    secret = create_token("erp-bridge", ["orders:read"])

    principal = authenticate(secret)

    assert principal == Principal(name="erp-bridge", scopes=frozenset({"orders:read"}))
    assert principal.actor == "api:erp-bridge"


def test_a_wrong_secret_authenticates_nobody(db) -> None:
    create_token("erp-bridge", ["orders:read"])

    assert authenticate("cdk_not-the-secret") is None
    assert authenticate("") is None


def test_a_revoked_token_authenticates_nobody(db) -> None:
    secret = create_token("erp-bridge", ["orders:read"])
    ApiToken.objects.update(revoked_at=clock.now())

    assert authenticate(secret) is None


def test_a_principal_allows_its_scopes_and_admin_allows_everything() -> None:
    reader = Principal(name="dashboard", scopes=frozenset({"orders:read"}))
    admin = Principal(name="ops", scopes=frozenset({"admin"}))

    assert (reader.allows("orders:read"), reader.allows("orders:write")) == (True, False)
    assert all(admin.allows(scope) for scope in ["orders:read", "orders:write", "inventory:write"])


@pytest.mark.parametrize(
    ("name", "scopes", "field"),
    [
        ("erp-bridge", ["orders:read", "orders:delete"], "scopes"),
        ("erp-bridge", [], "scopes"),
        ("   ", ["orders:read"], "name"),
    ],
)
def test_an_unknown_scope_no_scope_or_a_blank_name_creates_no_token(
    db, name: str, scopes: list[str], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        create_token(name, scopes)

    assert raised.value.field == field
    assert ApiToken.objects.count() == 0
