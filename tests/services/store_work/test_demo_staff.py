"""The demo seeds staff who can sign in at once: associates of the four biggest stores, a manager, ops."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate

from crossdock.domain.staff import StaffRole
from crossdock.services.demo.scale import SCALES
from crossdock.services.demo.seed import seed_demo
from crossdock.services.demo.staff import STAFF_PASSWORD
from crossdock.services.staff.scope import scope_for_user, stores_of


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_staff_sign_in_and_work_at_their_stores(db: None) -> None:
    seed_demo(seed=42, scale=SCALES["small"])

    scopes = {}
    for username in ["associate-new-york-city-ny", "associate-los-angeles-ca", "manager", "service", "ops"]:
        user = authenticate(username=username, password=STAFF_PASSWORD)
        assert user is not None, username
        scopes[username] = scope_for_user(user.pk)

    assert [s.code for s in stores_of(scopes["associate-new-york-city-ny"])] == ["ST-NEW-YORK-CITY-NY"]
    assert [s.code for s in stores_of(scopes["manager"])] == ["ST-LOS-ANGELES-CA", "ST-NEW-YORK-CITY-NY"]
    assert (scopes["service"].role, stores_of(scopes["service"])) == (StaffRole.CUSTOMER_SERVICE, [])
    assert len(stores_of(scopes["ops"])) == 6
