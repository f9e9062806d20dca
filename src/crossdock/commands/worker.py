"""`crossdock worker`: run the periodic jobs (cart expiry, backorder and pre-order release) every N seconds."""

from __future__ import annotations

import argparse
import time

from crossdock.services import clock
from crossdock.worker.jobs import run_due_jobs


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    worker = commands.add_parser("worker", help="run the background jobs (several workers may run at once)")
    worker.add_argument("--interval", type=float, default=5.0, help="seconds between rounds (default 5)")
    worker.add_argument("--once", action="store_true", help="run one round and exit")
    worker.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        while True:
            done = run_due_jobs(clock.now())
            busy = {name: count for name, count in done.items() if count}
            if busy:
                print(", ".join(f"{name}: {count}" for name, count in busy.items()), flush=True)
            if args.once:
                return 1 if any(count < 0 for count in done.values()) else 0
            time.sleep(args.interval)
    except KeyboardInterrupt:
        return 0
