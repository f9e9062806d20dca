"""`crossdock replay`: the KPI table on the terminal, one CSV row per order, exit 2 on unusable input."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crossdock.cli import main
from crossdock.db.models import Location
from replay_fixtures import COST, NEARER, route_two_orders


@pytest.fixture
def routed(network: dict[str, Location], stock: Callable[..., Any], place: Callable[..., int]) -> list[int]:
    return route_two_orders(stock, place)


@pytest.fixture
def draft_file(tmp_path: Path) -> Callable[[Any], Path]:
    def write(content: Any) -> Path:
        path = tmp_path / "draft.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        return path

    return write


def test_replay_prints_the_kpis_and_writes_each_order_to_the_csv(
    routed: list[int], draft_file: Callable[[Any], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "replay.csv"

    code = main(["replay", "--profile", str(draft_file(NEARER)), "--since", "30d", "--csv", str(out)])

    printed = capsys.readouterr().out
    assert code == 0
    assert "2 of 2 orders routed otherwise" in printed
    assert "mean great-circle km per parcel" in printed and "-13.5836" in printed
    assert "Skipped orders: none." in printed
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(int(r["order_id"]), r["changed"], r["actual_locations"], r["draft_locations"]) for r in rows] == [
        (routed[0], "yes", "WH-NJ:RETRO-RUNNER-42×2", "ST-MAN:RETRO-RUNNER-42×2"),
        (
            routed[1],
            "yes",
            "WH-NJ:RETRO-RUNNER-42×1 WH-NJ:WOOL-BEANIE×1",
            "ST-MAN:RETRO-RUNNER-42×1 ST-MAN:WOOL-BEANIE×1",
        ),
    ]
    assert [(r["actual_km"], r["draft_km"], r["cost_delta"]) for r in rows] == [
        ("14.861", "1.2774", "-10.3836"),  # 8 + 1.2774 + 2 × 2.00 − (8 + 14.861 + 2 × 0.40)
        ("14.861", "1.2774", "-10.3836"),
    ]


def test_a_profile_file_with_name_and_spec_is_read_as_its_spec(
    routed: list[int], draft_file: Callable[[Any], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", "--profile", str(draft_file({"name": "nearer", "spec": NEARER}))]) == 0
    assert "2 of 2 orders routed otherwise" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({"cost": {**COST, "per_km": -1.0}}, "spec.cost.per_km"),
        ({"cost": {**COST, "per_parcl": 8.0}}, "spec.cost.per_parcl"),
        ({"cost": COST, "selector": {"channels": ["marketplace"]}}, "spec.selector.channels[0]"),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
    ],
)
def test_a_bad_draft_exits_2_naming_the_field_and_writes_no_csv(
    routed: list[int],
    draft_file: Callable[[Any], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: Any,
    named: str,
) -> None:
    out = tmp_path / "replay.csv"

    code = main(["replay", "--profile", str(draft_file(content)), "--csv", str(out)])

    assert code == 2
    assert named in capsys.readouterr().out
    assert not out.exists()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--since", "last month"], "since"),
        (["--limit", "0"], "--limit"),
        (["--low-reliability", "1.5"], "--low-reliability"),
    ],
)
def test_bad_options_exit_2(
    routed: list[int],
    draft_file: Callable[[Any], Path],
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    named: str,
) -> None:
    assert main(["replay", "--profile", str(draft_file(NEARER)), *arguments]) == 2
    assert named in capsys.readouterr().out


def test_a_missing_profile_file_exits_2(
    network: dict[str, Location], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", "--profile", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in capsys.readouterr().out


def test_a_window_without_orders_writes_the_csv_header_only(
    network: dict[str, Location], draft_file: Callable[[Any], Path], tmp_path: Path
) -> None:
    out = tmp_path / "replay.csv"

    assert main(["replay", "--profile", str(draft_file(NEARER)), "--csv", str(out)]) == 0

    assert out.read_text(encoding="utf-8").splitlines() == [
        "order_id,decision_id,routed_at,changed,actual_locations,draft_locations,actual_cost,draft_cost,cost_delta,"
        "actual_cost_as_routed,draft_cost_as_routed,actual_parcels,draft_parcels,actual_km,draft_km,"
        "actual_unfilled_units,draft_unfilled_units,actual_offers,draft_offers,actual_low_reliability_offers,"
        "draft_low_reliability_offers"
    ]
