"""`crossdock user create`: a staff account with its role and stores."""

from __future__ import annotations

import argparse
import sys

from crossdock.domain.errors import DomainError
from crossdock.domain.staff import StaffRole
from crossdock.services.staff.create_user import NewStaff, create_staff_user


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = commands.add_parser("user", help="staff accounts")
    actions = user.add_subparsers(title="actions")
    create = actions.add_parser("create", help="create a staff account")
    create.add_argument("--username", required=True)
    create.add_argument("--password", required=True, help="at least 8 characters, not a common password")
    create.add_argument("--role", required=True, choices=[role.value for role in StaffRole])
    create.add_argument(
        "--store", dest="stores", nargs="+", default=[], metavar="CODE", help="store codes (store roles)"
    )
    create.set_defaults(handler=_create)


def _create(args: argparse.Namespace) -> int:
    try:
        user_id = create_staff_user(NewStaff(args.username, args.password, args.role, args.stores))
    except DomainError as error:
        print(f"{error.field or 'error'}: {error.message}", file=sys.stderr)
        return 1
    stores = f" at {', '.join(args.stores)}" if args.stores else ""
    print(f"created {args.role} {args.username!r} (user {user_id}){stores}")
    return 0
