"""A closed-loop HTTP load generator: several processes, each with a few keep-alive connections.

Every connection sends its next request as soon as the previous answer arrives. Requests that
start during the warm-up are not counted; the measured window follows it.
"""

from __future__ import annotations

import http.client
import multiprocessing
import queue
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event

from benchmarks import cpu
from benchmarks.database import backend_pids
from benchmarks.scenarios import Scenario, build
from benchmarks.server import HOST, RunningServer
from benchmarks.stats import Latencies, summarise

Sample = tuple[float, float, int]  # start (monotonic s), latency (s), HTTP status
Collected = tuple[list[Sample], str]  # one client process's samples and its first error, if any
CPU_POLL_S = 1.0
NO_RESPONSE = 0  # the status recorded when the server did not answer


@dataclass(frozen=True, slots=True)
class LoadPlan:
    scenario: Scenario
    processes: int = 2
    connections: int = 8
    warmup_s: float = 3.0
    duration_s: float = 15.0


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    per_second: float
    latency_ms: Latencies
    errors: dict[int, int]
    cpu_cores: dict[str, float]
    cpu_ms_per_request: dict[str, float]
    error_sample: str = ""
    parameters: dict[str, object] = field(default_factory=dict)


def run_load(server: RunningServer, plan: LoadPlan) -> LoadResult:
    context = multiprocessing.get_context("spawn")
    go, start_at = context.Event(), context.Value("d", 0.0)
    results: Queue[Collected] = context.Queue()
    workers = [
        context.Process(target=_client_process, args=(server.port, plan, index, go, start_at, results))
        for index in range(plan.processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(1.0)  # let the spawned interpreters import before the clock starts
    start_at.value = time.monotonic() + plan.warmup_s
    go.set()
    time.sleep(max(0.0, start_at.value - time.monotonic()))
    cores = _watch_cpu(server.pid, [worker.pid for worker in workers if worker.pid is not None], plan.duration_s)
    return _result(plan, start_at.value, _collect(results, workers), cores)


def _watch_cpu(server: int, clients: list[int], seconds: float) -> dict[str, float]:
    """Sample who uses the CPUs until `seconds` have passed; backends may come and go meanwhile."""
    window = cpu.Window(cpu.sample(server=server, clients=clients, postgres=backend_pids()))
    started = time.monotonic()
    while (left := started + seconds - time.monotonic()) > 0:
        time.sleep(min(CPU_POLL_S, left))
        window.add(cpu.sample(server=server, clients=clients, postgres=backend_pids()))
    return window.cores_used(time.monotonic() - started)


def _collect(results: Queue[Collected], workers: Sequence[BaseProcess]) -> list[Collected]:
    """Each client process's samples; fails at once if one of them died."""
    collected: list[Collected] = []
    while len(collected) < len(workers):
        try:
            collected.append(results.get(timeout=1))
        except queue.Empty:
            dead = [worker.exitcode for worker in workers if worker.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"a load client process failed (exit codes {dead})") from None
    for worker in workers:
        worker.join(timeout=30)
    return collected


def _result(plan: LoadPlan, start: float, collected: list[Collected], cores: dict[str, float]) -> LoadResult:
    end = start + plan.duration_s
    window = [s for samples, _ in collected for s in samples if start <= s[0] and s[0] + s[1] <= end]
    good = [latency for _, latency, status in window if status == plan.scenario.expected_status]
    errors: dict[int, int] = {}
    for _, _, status in window:
        if status != plan.scenario.expected_status:
            errors[status] = errors.get(status, 0) + 1
    return LoadResult(
        requests=len(good),
        per_second=round(len(good) / plan.duration_s, 1),
        latency_ms=summarise(good),
        errors=errors,
        cpu_cores=cores,
        cpu_ms_per_request={
            group: round(cores[group] * plan.duration_s * 1000 / max(1, len(window)), 3)
            for group in ("server", "postgres", "load_clients")
        },
        error_sample=next((sample for _, sample in collected if sample), ""),
        parameters={"processes": plan.processes, "connections": plan.connections, "seconds": plan.duration_s},
    )


def _client_process(
    port: int, plan: LoadPlan, index: int, go: Event, start_at: Synchronized[float], results: Queue[Collected]
) -> None:
    threads = plan.connections // plan.processes + (index < plan.connections % plan.processes)
    samples: list[list[Sample]] = [[] for _ in range(threads)]
    errors: list[str] = []
    go.wait()
    end = start_at.value + plan.duration_s
    clients = [
        threading.Thread(target=_client, args=(port, plan.scenario, f"{index}.{n}", end, samples[n], errors))
        for n in range(threads)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    results.put(([s for per_thread in samples for s in per_thread], errors[0] if errors else ""))


def _client(port: int, scenario: Scenario, name: str, end: float, samples: list[Sample], errors: list[str]) -> None:
    rng = random.Random(f"{scenario.run_id}/{name}")
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    number = 0
    while time.monotonic() < end:
        number += 1
        request = build(scenario, rng, f"{name}.{number}")
        started = time.monotonic()
        try:
            connection.request(request.method, request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            status, body = response.status, response.read()
        except (OSError, http.client.HTTPException) as error:
            # A dropped connection is an error of the run (status 0), not the end of this client.
            status, body = NO_RESPONSE, repr(error).encode()
            connection.close()
        samples.append((started, time.monotonic() - started, status))
        if status != scenario.expected_status and not errors:
            errors.append(f"{status} {body[:300]!r}")
    connection.close()
