"""Crossdock served by gunicorn in its own processes, on a free port of 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
BOOT_TIMEOUT_S = 60


@dataclass(frozen=True, slots=True)
class ServerConfig:
    workers: int = 4
    threads: int = 1
    worker_class: str = "sync"

    def describe(self) -> str:
        threads = f" × {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"gunicorn {self.worker_class}, {self.workers} workers{threads}"


@dataclass(frozen=True, slots=True)
class RunningServer:
    port: int
    pid: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def migrate(env: dict[str, str]) -> None:
    """`crossdock migrate`, as an operator runs it."""
    subprocess.run([_bin("crossdock"), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def gunicorn(config: ServerConfig, env: dict[str, str], log: Path) -> Iterator[RunningServer]:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "crossdock.config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={config.workers}",
        f"--threads={config.threads}",
        f"--worker-class={config.worker_class}",
        "--backlog=2048",
        "--log-level=warning",
    ]
    with log.open("ab") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=sink)
    try:
        _wait_until_serving(port, process, log)
        yield RunningServer(port=port, pid=process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + BOOT_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/api/v1/openapi.json")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {BOOT_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))
