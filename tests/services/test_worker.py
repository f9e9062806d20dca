"""`crossdock worker`: each round runs every job once; a failing job does not stop the others."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from crossdock.commands import worker
from crossdock.db.models import Cart
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services import clock
from crossdock.services.carts.manage_cart import open_cart
from crossdock.services.carts.requests import CartRequest
from crossdock.worker.jobs import Job, run_due_jobs


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    worker.register(parser.add_subparsers())
    return parser.parse_args(["worker", *argv])


def test_one_round_releases_expired_cart_holds(stock, position, monkeypatch) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    cart_id = open_cart(CartRequest("web", [RequestedLine("RETRO-RUNNER-42", 2, DeliveryMethod.SHIP)], ttl_seconds=60))
    later = clock.now() + timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    args = _parse("--once")

    assert args.handler(args) == 0

    assert Cart.objects.get(pk=cart_id).status == "expired"
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0


def test_a_failing_job_is_reported_and_the_others_still_run(db) -> None:
    def broken(now: datetime) -> int:
        raise RuntimeError("the database went away")

    done = run_due_jobs(clock.now(), (Job("broken", broken), Job("fine", lambda now: 3)))

    assert done == {"broken": -1, "fine": 3}
