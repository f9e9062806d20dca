from __future__ import annotations

import argparse
import os
import sys

from django.conf import settings
from django.core.management import call_command


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = commands.add_parser("serve", help="serve the web apps and the API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument("--threads", type=int, default=1)
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    call_command("collectstatic", interactive=False, verbosity=0)
    os.environ.setdefault("CROSSDOCK_HOME", str(settings.BASE_DIR))
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "crossdock.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    os.execv(sys.executable, gunicorn)
