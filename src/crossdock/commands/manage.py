from __future__ import annotations

import argparse

from django.core.management import call_command, execute_from_command_line


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    migrate = commands.add_parser("migrate", help="create or update the database schema")
    migrate.set_defaults(handler=_migrate)
    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)


def _migrate(args: argparse.Namespace) -> int:
    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _manage(args: argparse.Namespace) -> int:
    execute_from_command_line(["crossdock manage", *args.arguments])
    return 0
