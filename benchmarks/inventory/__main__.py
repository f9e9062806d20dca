"""`python -m benchmarks.inventory [--quick]`: issue 5's benchmark on PostgreSQL.

1. Availability of one SKU over HTTP at 200 locations × 20,000 SKUs (4M positions), first without any control
   (the core benchmark's set-up), then with every control on and a backorder queue, against the same server.
2. A snapshot of 1M positions (200 locations × 5,000 SKUs, through the service as the core snapshot benchmark
   does) while those controls and the queue are in place, then the worker's release job until it has nothing
   left to allocate.

`--quick` (or CROSSDOCK_BENCH_QUICK=1) runs a small network for a smoke test. Results go to
benchmarks/results/inventory[.quick].json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.__main__ import add_run_options, run_options
from benchmarks.environment import crossdock_env, setup_django
from benchmarks.report import console


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inventory", description=__doc__)
    add_run_options(parser)
    args = parser.parse_args(argv)
    args.quick = args.quick or os.environ.get("CROSSDOCK_BENCH_QUICK", "") not in ("", "0")
    with tempfile.TemporaryDirectory(prefix="crossdock-bench-") as home:
        env = crossdock_env(Path(home))
        setup_django(env)
        from benchmarks.inventory.run import run  # loads models: only once Django is set up

        started = time.monotonic()
        console.rule("inventory")
        run(run_options(args, env, Path(home)))
        console.print(f"[dim]inventory took {time.monotonic() - started:.0f} s[/]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
