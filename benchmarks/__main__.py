"""`python -m benchmarks [--quick] [NAME …]`: run the benchmarks, print tables, write JSON."""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.environment import crossdock_env, setup_django
from benchmarks.options import Options
from benchmarks.report import console
from benchmarks.server import ServerConfig

# Benchmark name → module with a `run(options)`; imported after Django is set up (they load models).
MODULES = {"order_capture": "order_capture", "availability": "availability", "snapshot": "snapshot_ingest"}
NAMES = list(MODULES)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    unknown = sorted(set(args.names) - set(NAMES))
    if unknown:
        console.print(f"[red]unknown benchmark {', '.join(unknown)}; choose from {', '.join(NAMES)}[/]")
        return 2
    with tempfile.TemporaryDirectory(prefix="crossdock-bench-") as home:
        env = crossdock_env(Path(home))
        setup_django(env)
        options = run_options(args, env, Path(home))
        for name in args.names or NAMES:
            started = time.monotonic()
            console.rule(name)
            _runner(name)(options)
            console.print(f"[dim]{name} took {time.monotonic() - started:.0f} s[/]")
    return 0


def _runner(name: str) -> Callable[[Options], None]:
    run: Callable[[Options], None] = importlib.import_module(f"benchmarks.{MODULES[name]}").run
    return run


def run_options(args: argparse.Namespace, env: dict[str, str], home: Path) -> Options:
    """Options from the arguments `add_run_options` declares (shared with `python -m benchmarks.inventory`)."""
    return Options(
        quick=args.quick,
        server=ServerConfig(workers=args.workers, threads=args.threads, worker_class=args.worker_class),
        env=env,
        home=home,
        seconds=args.seconds,
        connections=args.connections,
        processes=args.processes,
        profile=args.profile,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of {', '.join(NAMES)} (default: all)")
    add_run_options(parser)
    return parser


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="small sizes and short windows: a smoke run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--seconds", type=float, help="measured window of each HTTP load")
    parser.add_argument("--connections", type=int, help="concurrent keep-alive client connections (default 8)")
    parser.add_argument("--processes", type=int, default=2, help="load client processes")
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process requests")


if __name__ == "__main__":
    sys.exit(main())
