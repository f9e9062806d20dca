"""`crossdock route-eval`: the benchmark interface — its input, its output, and its refusals."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crossdock.commands import route_eval


def _instance() -> dict[str, Any]:
    return {
        "name": "two-coasts",
        "cost": {"per_parcel": 8.759, "per_km": 0.000336, "per_unit": 0.423, "unfilled_per_unit": 30.0},
        "locations": [
            {"id": "NJ", "lat": 40.7357, "lon": -74.1724, "kind": "warehouse", "per_unit": 0.4, "max_parcels": None},
            {"id": "LA", "lat": 34.0522, "lon": -118.2437, "kind": "warehouse", "per_unit": None, "max_parcels": 1},
        ],
        "stock": [
            {"location": "NJ", "sku": "RUNNER", "qty": 3},
            {"location": "LA", "sku": "RUNNER", "qty": 5},
            {"location": "LA", "sku": "BEANIE", "qty": 1},
        ],
        "orders": [
            {"id": "O1", "lat": 40.71, "lon": -74.01, "lines": [{"sku": "RUNNER", "qty": 2}]},
            {
                "id": "O2",
                "lat": 34.05,
                "lon": -118.24,
                "lines": [{"sku": "RUNNER", "qty": 1}, {"sku": "BEANIE", "qty": 2}],
            },
            {"id": "O3", "lat": 37.77, "lon": -122.42, "lines": [{"sku": "BEANIE", "qty": 1}]},
        ],
    }


def _run(tmp_path: Path, instance: object, *options: str) -> tuple[int, Path]:
    source = tmp_path / "instance.json"
    source.write_text(instance if isinstance(instance, str) else json.dumps(instance))
    out = tmp_path / "decisions.json"
    parser = argparse.ArgumentParser(prog="crossdock")
    route_eval.register(parser.add_subparsers())
    args = parser.parse_args(["route-eval", str(source), "--out", str(out), *options])
    return args.handler(args), out


@pytest.mark.parametrize("mode", ["online", "lookahead", "batch"])
def test_every_mode_writes_one_decision_per_order_in_file_order(tmp_path: Path, mode: str) -> None:
    code, out = _run(tmp_path, _instance(), "--mode", mode)

    decisions = json.loads(out.read_text())
    assert code == 0
    assert [order["id"] for order in decisions["orders"]] == ["O1", "O2", "O3"]
    assert set(decisions) >= {"orders", "total_cost", "seconds"}


def test_online_routes_each_order_from_what_the_earlier_ones_left(tmp_path: Path) -> None:
    _, out = _run(tmp_path, _instance(), "--mode", "online")

    orders = {order["id"]: order for order in json.loads(out.read_text())["orders"]}

    assert orders["O1"]["allocations"] == [{"sku": "RUNNER", "location": "NJ", "qty": 2}]
    # LA ships O2's parcel (its only one): one runner and its one beanie; the second beanie is unfilled.
    assert sorted(a["sku"] for a in orders["O2"]["allocations"]) == ["BEANIE", "RUNNER"]
    assert orders["O2"]["unfilled"] == [{"sku": "BEANIE", "qty": 1}]
    assert orders["O3"] == {"id": "O3", "allocations": [], "unfilled": [{"sku": "BEANIE", "qty": 1}]}


def test_the_total_is_the_cost_definition_applied_to_the_decisions(tmp_path: Path) -> None:
    _, out = _run(tmp_path, _instance(), "--mode", "online")

    total = json.loads(out.read_text())["total_cost"]

    # O1: NJ parcel 8.759 + 0.000336 × 35.71 km + 2 × 0.4; O2: LA parcel 8.759 + 0.000336 × 0.4 km + 2 × 0.423;
    # unfilled: 2 beanies × 30.
    assert total == pytest.approx(8.759 + 0.000336 * 14.81 + 0.8 + 8.759 + 0.000336 * 0.37 + 0.846 + 60.0, abs=0.02)


def test_batch_is_never_worse_than_online(tmp_path: Path) -> None:
    _, online = _run(tmp_path, _instance(), "--mode", "online")
    online_cost = json.loads(online.read_text())["total_cost"]
    _, batch = _run(tmp_path, _instance(), "--mode", "batch")

    result = json.loads(batch.read_text())

    assert result["total_cost"] <= online_cost + 1e-9
    assert result["lower_bound"] <= result["total_cost"] + 1e-9


def _broken(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    instance = _instance()
    target: Any = instance
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return instance


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        (_broken(("orders", 0, "lines", 0, "sku"), "GHOST"), "orders[0].lines[0].sku: unknown SKU 'GHOST'"),
        (_broken(("stock", 0, "qty"), -2), "stock[0].qty: must be ≥ 0"),
        (_broken(("locations", 0, "lat"), 95.0), "locations[0]: coordinates must be"),
        (_broken(("orders", 1, "lon"), "west"), "orders[1].lon: must be a finite number"),
        (_broken(("orders", 2, "lat"), KeyError), "orders[2].lat: is missing"),
        (_broken(("cost", "per_parcel"), KeyError), "cost.per_parcel: is missing"),
        (_broken(("cost", "per_km"), -1.0), "cost.per_km: must be a finite number ≥ 0"),
        (_broken(("stock", 1, "location"), "MARS"), "stock[1].location: unknown location 'MARS'"),
        (_broken(("orders", 0, "lines", 0, "qty"), 0), "orders[0].lines[0].qty: must be ≥ 1"),
        (_broken(("orders", 0, "lines"), []), "orders[0].lines: an order needs at least one line"),
        (_broken(("orders",), KeyError), "orders: is missing"),
        ("{not json", "is not valid JSON"),
        ([1, 2], "instance: must be an object"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_a_failing_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], instance: object, message: str
) -> None:
    code, out = _run(tmp_path, instance, "--mode", "online")

    assert code != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="crossdock")
    route_eval.register(parser.add_subparsers())
    args = parser.parse_args(["route-eval", str(tmp_path / "nowhere.json")])

    assert args.handler(args) == 2
    assert "cannot read" in capsys.readouterr().err


def test_without_out_the_decisions_go_to_standard_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "instance.json"
    source.write_text(json.dumps(_instance()))
    parser = argparse.ArgumentParser(prog="crossdock")
    route_eval.register(parser.add_subparsers())
    args = parser.parse_args(["route-eval", str(source), "--mode", "batch"])

    assert args.handler(args) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["orders"]) == 3
    assert "proved gap" in captured.err


@pytest.mark.parametrize("mode", ["online", "lookahead", "batch"])
def test_an_instance_without_orders_gives_an_empty_plan(tmp_path: Path, mode: str) -> None:
    code, out = _run(tmp_path, _instance() | {"orders": []}, "--mode", mode)

    assert code == 0
    assert json.loads(out.read_text())["orders"] == []


def test_standard_output_carries_only_the_json_even_from_a_separate_process(tmp_path: Path) -> None:
    source = tmp_path / "instance.json"
    source.write_text(json.dumps(_instance()))
    script = (
        "import argparse, sys; from crossdock.commands import route_eval; "
        "p = argparse.ArgumentParser(); route_eval.register(p.add_subparsers()); "
        "a = p.parse_args(sys.argv[1:]); sys.exit(a.handler(a))"
    )

    done = subprocess.run(
        [sys.executable, "-c", script, "route-eval", str(source), "--mode", "batch"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0
    assert len(json.loads(done.stdout)["orders"]) == 3
