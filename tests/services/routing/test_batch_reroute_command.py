"""`crossdock reroute` and its worker job: the report table, exit codes, and at most one run per period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crossdock.cli import main
from crossdock.db.models import JobSchedule, RoutingDecision
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.routing.batch_schedule import EVERY_VARIABLE, claim_run, reroute_if_due

SHIP = DeliveryMethod.SHIP
NOW = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def badly_served(stock, place) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Manhattan's only runner went to the first order; the runner + jacket order is split in two."""
    stock("ST-MAN", "RETRO-RUNNER-42", 1)
    stock("ST-MAN", "TRAIL-JACKET-M", 1)
    stock("WH-NJ", "RETRO-RUNNER-42", 1)
    return (
        place(RequestedLine("RETRO-RUNNER-42", 1, SHIP)),
        place(RequestedLine("RETRO-RUNNER-42", 1, SHIP), RequestedLine("TRAIL-JACKET-M", 1, SHIP)),
    )


def test_reroute_dry_run_prints_the_report_and_exits_0(badly_served, db_state, capsys) -> None:  # type: ignore[no-untyped-def]
    state = db_state()

    code = main(["reroute", "--dry-run"])

    printed = capsys.readouterr().out
    assert code == 0
    rows = {cells[0]: cells[1] for cells in _rows(printed)}
    assert "dry run" in printed
    assert (rows["orders considered"], rows["orders with a cheaper plan"], rows["orders moved"]) == ("2", "2", "—")
    assert rows["saved"] == "10.0026"  # saved: one parcel (8.0) and its split penalty (2.0), + 1.3 km at 0.002
    assert db_state() == state


def test_reroute_moves_the_orders_and_exits_0(badly_served, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["reroute", "--mip-gap", "0"])

    assert code == 0
    assert RoutingDecision.objects.filter(reason="reroute").count() == 2
    assert "orders moved" in capsys.readouterr().out


@pytest.mark.parametrize("arguments", [["--time-limit", "0"], ["--time-limit", "-3"], ["--mip-gap", "1.5"]])
def test_reroute_refuses_limits_out_of_range_with_exit_2(badly_served, db_state, arguments, capsys) -> None:  # type: ignore[no-untyped-def]
    state = db_state()

    code = main(["reroute", *arguments])

    assert code == 2
    assert "--time-limit must be > 0" in capsys.readouterr().out
    assert db_state() == state


def test_reroute_refuses_a_time_limit_that_is_not_a_number_with_exit_2(db, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["reroute", "--time-limit", "soon"])

    assert stopped.value.code == 2


def test_the_job_does_nothing_when_no_period_is_configured(badly_served, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(EVERY_VARIABLE, raising=False)

    assert reroute_if_due(NOW) == 0
    assert not JobSchedule.objects.exists()
    assert not RoutingDecision.objects.filter(reason="reroute").exists()


def test_the_job_runs_once_per_period(badly_served, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(EVERY_VARIABLE, "30")

    first = reroute_if_due(NOW)
    again = reroute_if_due(NOW + timedelta(minutes=29))

    assert (first, again) == (2, 0)
    assert JobSchedule.objects.get(name="batch-reroute").last_run_at == NOW
    assert claim_run("batch-reroute", every=timedelta(minutes=30), now=NOW + timedelta(minutes=30)) is True
    assert JobSchedule.objects.get(name="batch-reroute").last_run_at == NOW + timedelta(minutes=30)


def _rows(printed: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("│").split("│")] for line in printed.splitlines() if line.startswith("│")
    ]
