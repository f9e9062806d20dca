"""Demo staff: associates at the four biggest stores, a manager of two, a service agent and an ops admin.

Fixed names and one password, documented in docs/demo.md. Never seed them into a database anyone relies on.
"""

from __future__ import annotations

from crossdock.services.staff.create_user import NewStaff, create_staff_user

STAFF_PASSWORD = "crossdock-demo"
ASSOCIATE_STORES = 4


def associate_username(store_code: str) -> str:
    """`ST-NEW-YORK-NY` → `associate-new-york-ny`."""
    return "associate-" + store_code.removeprefix("ST-").lower()


def seed_demo_staff(store_codes: list[str]) -> list[str]:
    """Create the demo staff for the stores (most populous first); returns the usernames."""
    biggest = store_codes[:ASSOCIATE_STORES]
    accounts = [NewStaff(associate_username(code), STAFF_PASSWORD, "store_associate", [code]) for code in biggest]
    accounts += [
        NewStaff("manager", STAFF_PASSWORD, "store_manager", biggest[:2]),
        NewStaff("service", STAFF_PASSWORD, "customer_service", []),
        NewStaff("ops", STAFF_PASSWORD, "operations_admin", []),
    ]
    for account in accounts:
        create_staff_user(
            NewStaff(account.username, account.password, account.role, account.stores, check_password_strength=False)
        )
    return [account.username for account in accounts]
