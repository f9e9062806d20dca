"""`crossdock route-eval INSTANCE.json --mode online|lookahead|batch [--out decisions.json]`.

Pure computation: reads a JSON instance, routes it, writes the decisions. No database is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from crossdock.domain.errors import DomainError
from crossdock.domain.routing.batch import BatchSettings
from crossdock.domain.routing.evaluation import Mode, run, to_json
from crossdock.domain.routing.instance import Instance, parse_instance

EXIT_BAD_INPUT = 2


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("route-eval", help="route a benchmark instance (JSON) and write the decisions")
    parser.add_argument("instance", type=Path, help="instance JSON (see docs/routing.md)")
    parser.add_argument("--mode", choices=[mode.value for mode in Mode], default=Mode.ONLINE.value)
    parser.add_argument("--out", type=Path, help="write the decisions here (default: standard output)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="batch: seconds in all (default 60)")
    parser.add_argument("--mip-gap", type=float, default=1e-3, help="batch: relative MIP gap (default 0.001)")
    parser.set_defaults(handler=route_eval)


def route_eval(args: argparse.Namespace) -> int:
    """Route the instance; 0 on success, 2 (with the reason on stderr) when the input is unusable."""
    instance = _load(args.instance)
    if instance is None:
        return EXIT_BAD_INPUT
    _silence_highs_banner()
    settings = BatchSettings(time_limit=args.time_limit, mip_rel_gap=args.mip_gap)
    result = run(instance, Mode(args.mode), clock=time.perf_counter, settings=settings)
    text = json.dumps(to_json(result), separators=(",", ":"))
    if args.out:
        args.out.write_text(text + "\n")
    else:
        print(text)
    summary = f"route-eval: {len(result.decisions)} orders, {args.mode}, cost {result.cost:.4f}, {result.seconds:.2f} s"
    if result.batch is not None:
        batch = result.batch
        summary += f"; lower bound {batch.lower_bound:.4f}, proved gap {batch.gap:.4%} ({batch.rounds} pricing rounds)"
    print(summary, file=sys.stderr)
    return 0


def _load(path: Path) -> Instance | None:
    try:
        data = json.loads(path.read_text())
    except OSError as error:
        return _refuse(f"cannot read {path}: {error.strerror or error}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return _refuse(f"{path} is not valid JSON: {error}")
    try:
        return parse_instance(data)
    except DomainError as error:
        return _refuse(f"invalid instance: {error.field or 'instance'}: {error.message}")


def _refuse(message: str) -> Instance | None:
    print(f"route-eval: {message}", file=sys.stderr)
    return None


def _silence_highs_banner() -> None:
    """HiGHS prints a banner on stdout when the first solver is made; stdout is for the decisions."""
    from crossdock.domain.routing.highs import new_solver

    sys.stdout.flush()
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        new_solver()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
