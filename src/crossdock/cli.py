"""The `crossdock` command."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossdock.config.settings")
    import django

    django.setup()
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    result: int = args.handler(args)
    return result


def _parser() -> argparse.ArgumentParser:
    from crossdock.commands import demo, imports, manage, route_eval, serve, tokens, users, worker

    parser = argparse.ArgumentParser(prog="crossdock", description="Crossdock order management")
    commands = parser.add_subparsers(title="commands")
    for module in (serve, manage, demo, imports, tokens, users, worker, route_eval):
        module.register(commands)
    from crossdock.commands import reroute

    reroute.register(commands)
    from crossdock.commands import replay

    replay.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
