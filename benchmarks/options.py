"""How a benchmark run was asked for on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.server import ServerConfig


@dataclass(frozen=True, slots=True)
class Options:
    quick: bool
    server: ServerConfig
    env: dict[str, str]
    home: Path
    seconds: float | None = None
    connections: int | None = None
    processes: int = 2
    profile: bool = False

    @property
    def server_log(self) -> Path:
        return self.home / "gunicorn.log"
