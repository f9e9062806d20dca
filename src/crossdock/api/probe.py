"""A bare write endpoint for the benchmarks: the order-capture ratio is measured against it.

It runs the same stack as POST /orders (middleware, token auth with the same scope check, one
transaction that writes one outbox row, a JSON reply) and nothing else. The route exists only
when the server runs with CROSSDOCK_BENCH_PROBE=1; otherwise the router is empty.
"""

from __future__ import annotations

import os

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema

from crossdock.api.auth import caller, scoped
from crossdock.services import clock
from crossdock.services.timeline import record_order_events

router = Router(tags=["benchmark"])


class ProbeOut(Schema):
    written: bool


def write(request: HttpRequest) -> ProbeOut:
    """One write transaction: a single outbox row, no timeline events."""
    with transaction.atomic():
        record_order_events(0, [], actor=caller(request).actor, at=clock.now(), topic="bench.probe", payload={})
    return ProbeOut(written=True)


if os.environ.get("CROSSDOCK_BENCH_PROBE") == "1":
    router.post("/_probe/write", auth=scoped("orders:write"), response=ProbeOut, include_in_schema=False)(write)
