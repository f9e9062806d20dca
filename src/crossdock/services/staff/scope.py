"""The scope of a signed-in staff member, and the store checks every store-work service makes."""

from __future__ import annotations

from dataclasses import dataclass

from crossdock.db.models import Location, StaffProfile
from crossdock.domain.errors import NotFound, PermissionDenied
from crossdock.domain.locations import LocationType
from crossdock.domain.staff import ROLE_LABELS, StaffRole, StaffScope


@dataclass(frozen=True, slots=True)
class StoreRef:
    id: int
    code: str
    name: str


def scope_for_user(user_id: int) -> StaffScope:
    """The scope of a Django user. Raises PermissionDenied for a user without a staff profile."""
    profile = StaffProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None:
        raise PermissionDenied("this account has no staff role; ask an administrator", field=None)
    return StaffScope(
        user_id=user_id,
        username=profile.user.get_username(),
        role=StaffRole(profile.role),
        location_ids=frozenset(profile.stores.values_list("id", flat=True)),
    )


def stores_of(scope: StaffScope) -> list[StoreRef]:
    """The stores this person may work at, by code."""
    if not scope.does_store_work:
        return []
    stores = Location.objects.filter(type=LocationType.STORE, active=True)
    if scope.role != StaffRole.OPERATIONS_ADMIN:
        stores = stores.filter(pk__in=scope.location_ids)
    return [StoreRef(id, code, name) for id, code, name in stores.order_by("code").values_list("id", "code", "name")]


def store_in_scope(scope: StaffScope, store_code: str) -> StoreRef:
    """The store by code if this person works there. Raises NotFound (no such store), PermissionDenied."""
    row = Location.objects.filter(code=store_code, type=LocationType.STORE).values_list("id", "code", "name").first()
    if row is None:
        raise NotFound(f"there is no store {store_code!r}", field="store")
    if not scope.works_at(row[0]):
        raise PermissionDenied(f"you do not work at store {store_code}", field="store")
    return StoreRef(*row)


def require_store_work(scope: StaffScope) -> None:
    """Raises PermissionDenied unless the role does store work."""
    if not scope.does_store_work:
        raise PermissionDenied(f"a {ROLE_LABELS[scope.role]} does no store work", field=None)
