from __future__ import annotations

import argparse

from crossdock.services.tokens import create_token


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    token = commands.add_parser("token", help="API tokens")
    actions = token.add_subparsers(title="actions")
    create = actions.add_parser("create", help="create a token and print its secret once")
    create.add_argument("--name", required=True)
    create.add_argument("--scopes", required=True, help="comma-separated, e.g. orders:read,orders:write")
    create.set_defaults(handler=_create)


def _create(args: argparse.Namespace) -> int:
    print(create_token(args.name, [s.strip() for s in args.scopes.split(",") if s.strip()]))
    return 0
