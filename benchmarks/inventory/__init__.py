"""Inventory depth benchmark (`python -m benchmarks.inventory`): availability with every control on, and a
1M-position snapshot followed by the backorder release. Its own database, so it never meets the core runs."""

import os

os.environ.setdefault("CROSSDOCK_BENCH_DATABASE", "benchinv")
