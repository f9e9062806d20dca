"""Create a staff account with its role and stores."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from crossdock.db.models import Location, StaffProfile
from crossdock.domain.errors import InvalidInput, UnknownLocation
from crossdock.domain.locations import LocationType
from crossdock.domain.staff import ROLE_LABELS, STORE_ROLES, StaffRole


@dataclass(frozen=True, slots=True)
class NewStaff:
    username: str
    password: str
    role: str
    stores: list[str]
    check_password_strength: bool = True


def create_staff_user(new: NewStaff) -> int:
    """Create the user and its staff profile; return the user id.

    Raises InvalidInput (blank or weak password, unknown role, a store role without stores, a taken username),
    UnknownLocation (a store code that is no store).
    """
    role = _role(new.role)
    username = new.username.strip()
    if not username:
        raise InvalidInput("a username is required", field="username")
    store_ids = _store_ids(new.stores, role)
    _check_password(new, username)
    users = get_user_model()
    with transaction.atomic():
        if users.objects.filter(username=username).exists():
            raise InvalidInput(f"user {username!r} already exists", field="username")
        user = users.objects.create_user(username=username, password=new.password)
        user.is_staff = role == StaffRole.OPERATIONS_ADMIN  # ops admins manage users in the admin
        user.is_superuser = role == StaffRole.OPERATIONS_ADMIN
        user.save(update_fields=["is_staff", "is_superuser"])
        profile = StaffProfile.objects.create(user=user, role=role)
        profile.stores.set(store_ids)
    return int(user.pk)


def _role(text: str) -> StaffRole:
    try:
        return StaffRole(text)
    except ValueError:
        choices = ", ".join(r.value for r in StaffRole)
        raise InvalidInput(f"unknown role {text!r}; choose one of {choices}", field="role") from None


def _store_ids(codes: list[str], role: StaffRole) -> list[int]:
    found = dict(Location.objects.filter(code__in=codes, type=LocationType.STORE).values_list("code", "id"))
    for code in codes:
        if code not in found:
            raise UnknownLocation(f"there is no store {code!r}", field="stores")
    if role in STORE_ROLES and not found:
        raise InvalidInput(f"a {ROLE_LABELS[role]} needs at least one store", field="stores")
    return list(found.values())


def _check_password(new: NewStaff, username: str) -> None:
    if not new.password:
        raise InvalidInput("a password is required", field="password")
    if not new.check_password_strength:
        return
    try:
        validate_password(new.password)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password") from None
