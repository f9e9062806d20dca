"""Results as a rich table on the terminal and as JSON under benchmarks/results/."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.database import server_version

RESULTS = Path(__file__).parent / "results"
console = Console(width=None if Console().is_terminal else 140)


@dataclass(frozen=True, slots=True)
class Metric:
    """One number with its target: `at_least` says whether higher is better."""

    name: str
    value: float
    unit: str
    target: float | None = None
    at_least: bool = True

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.at_least else self.value < self.target


def show(title: str, metrics: list[Metric], notes: list[str]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_column("", justify="center")
    for metric in metrics:
        target = "" if metric.target is None else f"{'≥' if metric.at_least else '<'} {metric.target:,.6g}"
        verdict = {True: "[green]✓[/]", False: "[red]✗[/]", None: ""}[metric.met]
        table.add_row(metric.name, f"{metric.value:,.6g} {metric.unit}", target, verdict)
    console.print(table)
    for note in notes:
        console.print(f"  [dim]{note}[/]")


def write(name: str, *, quick: bool, parameters: dict[str, Any], metrics: list[Metric], details: Any) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}{'.quick' if quick else ''}.json"
    document = {
        "benchmark": name,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
        "parameters": _plain(parameters),
        "metrics": [{**asdict(metric), "met": metric.met} for metric in metrics],
        "details": _plain(details),
    }
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")
    return path


def machine() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": server_version(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown")


def _git(*arguments: str) -> str:
    done = subprocess.run(["git", *arguments], capture_output=True, text=True, cwd=Path(__file__).parent, check=False)
    return done.stdout.strip()


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {key: _plain(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
