"""Staff accounts: roles and stores, refused when incomplete."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from crossdock.domain.errors import InvalidInput, PermissionDenied, UnknownLocation
from crossdock.domain.staff import StaffRole
from crossdock.services.staff.create_user import NewStaff, create_staff_user
from crossdock.services.staff.scope import scope_for_user, stores_of


def test_an_associate_gets_a_scope_of_their_stores(network) -> None:
    user_id = create_staff_user(NewStaff("maya", "s3cure-enough-pass", "store_associate", ["ST-MAN", "ST-BKN"]))

    scope = scope_for_user(user_id)

    assert (scope.username, scope.role, scope.actor) == ("maya", StaffRole.STORE_ASSOCIATE, "staff:maya")
    assert [store.code for store in stores_of(scope)] == ["ST-BKN", "ST-MAN"]
    assert get_user_model().objects.get(pk=user_id).check_password("s3cure-enough-pass")


def test_an_operations_admin_sees_every_store_and_may_use_the_admin(network) -> None:
    user_id = create_staff_user(NewStaff("olga", "s3cure-enough-pass", "operations_admin", []))

    assert [store.code for store in stores_of(scope_for_user(user_id))] == ["ST-BKN", "ST-CHI", "ST-MAN"]
    assert get_user_model().objects.get(pk=user_id).is_staff is True


@pytest.mark.parametrize(
    ("new", "error", "field"),
    [
        (NewStaff("maya", "s3cure-enough-pass", "cashier", ["ST-MAN"]), InvalidInput, "role"),
        (NewStaff("maya", "s3cure-enough-pass", "store_associate", []), InvalidInput, "stores"),
        (NewStaff("maya", "s3cure-enough-pass", "store_associate", ["ST-ATLANTIS"]), UnknownLocation, "stores"),
        (NewStaff("maya", "s3cure-enough-pass", "store_associate", ["WH-NJ"]), UnknownLocation, "stores"),
        (NewStaff("maya", "short", "store_associate", ["ST-MAN"]), InvalidInput, "password"),
        (NewStaff(" ", "s3cure-enough-pass", "store_associate", ["ST-MAN"]), InvalidInput, "username"),
    ],
)
def test_incomplete_accounts_are_refused(network, db_state, new, error, field) -> None:
    before = db_state()

    with pytest.raises(error) as refused:
        create_staff_user(new)

    assert refused.value.field == field
    assert db_state() == before
    assert not get_user_model().objects.exists()


def test_a_taken_username_is_refused(network) -> None:
    create_staff_user(NewStaff("maya", "s3cure-enough-pass", "store_associate", ["ST-MAN"]))

    with pytest.raises(InvalidInput, match="user 'maya' already exists"):
        create_staff_user(NewStaff("maya", "s3cure-enough-pass", "store_associate", ["ST-BKN"]))


def test_a_user_without_a_staff_role_has_no_scope(network) -> None:
    user = get_user_model().objects.create_user("visitor", password="s3cure-enough-pass")

    with pytest.raises(PermissionDenied, match="this account has no staff role"):
        scope_for_user(user.pk)
