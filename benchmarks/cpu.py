"""Who used the CPUs during a measurement window, read from /proc (Linux)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


@dataclass(frozen=True, slots=True)
class CpuSample:
    """CPU ticks so far: of the whole box, and per process of each group we follow."""

    busy: int
    idle: int
    groups: dict[str, dict[int, int]]


def sample(*, server: int, clients: list[int], postgres: list[int]) -> CpuSample:
    """The server's process tree, the given PostgreSQL backends and load clients, and the box."""
    fields = [int(value) for value in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    stats = _process_stats()
    tree = {server} | {pid for pid, (_, parent, _) in stats.items() if parent == server}
    members = {"server": tree, "postgres": set(postgres), "load_clients": set(clients)}
    return CpuSample(
        busy=sum(fields[:8]) - idle,
        idle=idle,
        groups={group: {pid: stats[pid][2] for pid in pids if pid in stats} for group, pids in members.items()},
    )


class Window:
    """CPU use over a window, from samples taken every `poll_s`.

    A process first seen after the start counts whole (it started in the window); one that
    ends keeps the ticks of its last sample, so at most one poll interval of it is lost.
    """

    def __init__(self, first: CpuSample) -> None:
        self.first = self.last = first
        self.baseline = {group: dict(processes) for group, processes in first.groups.items()}
        self.seen = {group: dict(processes) for group, processes in first.groups.items()}

    def add(self, sample: CpuSample) -> None:
        for group, processes in sample.groups.items():
            for pid, ticks in processes.items():
                self.baseline[group].setdefault(pid, 0)
                self.seen[group][pid] = ticks
        self.last = sample

    def cores_used(self, seconds: float) -> dict[str, float]:
        """Average cores each group kept busy, the rest of the box (`other`), and idle."""
        used = {
            group: sum(ticks - self.baseline[group][pid] for pid, ticks in processes.items())
            for group, processes in self.seen.items()
        }
        busy = self.last.busy - self.first.busy
        cores = {group: round(ticks / TICKS / seconds, 2) for group, ticks in used.items()}
        cores["other"] = round(max(0, busy - sum(used.values())) / TICKS / seconds, 2)
        cores["idle"] = round((self.last.idle - self.first.idle) / TICKS / seconds, 2)
        return cores


def process_ticks(pid: int) -> int:
    """User + system CPU ticks one process has used so far."""
    text = (PROC / str(pid) / "stat").read_text()
    rest = text[text.rindex(")") + 2 :].split()
    return int(rest[11]) + int(rest[12])


def _process_stats() -> dict[int, tuple[str, int, int]]:
    """pid → (command name, parent pid, user + system ticks) for every process we may read."""
    stats: dict[int, tuple[str, int, int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        rest = text[text.rindex(")") + 2 :].split()
        stats[int(entry.name)] = (name, int(rest[1]), int(rest[11]) + int(rest[12]))
    return stats
