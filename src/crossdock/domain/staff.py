"""Staff roles and the narrow scope a store-work service checks: who acts, and at which stores."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StaffRole(StrEnum):
    STORE_ASSOCIATE = "store_associate"
    STORE_MANAGER = "store_manager"
    CUSTOMER_SERVICE = "customer_service"
    OPERATIONS_ADMIN = "operations_admin"


ROLE_LABELS = {
    StaffRole.STORE_ASSOCIATE: "store associate",
    StaffRole.STORE_MANAGER: "store manager",
    StaffRole.CUSTOMER_SERVICE: "customer-service agent",
    StaffRole.OPERATIONS_ADMIN: "operations admin",
}

# Roles that work at the stores assigned to them; operations admins may act at any store.
STORE_ROLES = frozenset({StaffRole.STORE_ASSOCIATE, StaffRole.STORE_MANAGER})


@dataclass(frozen=True, slots=True)
class StaffScope:
    user_id: int
    username: str
    role: StaffRole
    location_ids: frozenset[int]

    @property
    def actor(self) -> str:
        """How the timeline names this person."""
        return f"staff:{self.username}"

    @property
    def does_store_work(self) -> bool:
        return self.role in STORE_ROLES or self.role == StaffRole.OPERATIONS_ADMIN

    def works_at(self, location_id: int) -> bool:
        """May this person see and act on work of the location?"""
        if self.role == StaffRole.OPERATIONS_ADMIN:
            return True
        return self.role in STORE_ROLES and location_id in self.location_ids
