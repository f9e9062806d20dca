"""`crossdock demo`: seed the demo network and say how to look at it."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from crossdock.services.demo.access import ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_TOKEN
from crossdock.services.demo.scale import SCALES
from crossdock.services.demo.seed import DemoSummary, network_exists, seed_demo
from crossdock.services.demo.staff import STAFF_PASSWORD, associate_username

BASE_URL = "http://127.0.0.1:8000"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", help="seed a deterministic demo network into an empty database")
    demo.add_argument("--seed", type=int, default=42, help="the same seed gives the same network (default 42)")
    demo.add_argument("--if-empty", action="store_true", help="do nothing if the database already has locations")
    demo.add_argument("--scale", choices=sorted(SCALES), default="full", help="full (default) or a small one")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    console = Console(soft_wrap=True)
    if network_exists():
        if args.if_empty:
            console.print("The database already has locations: the demo is not seeded again.")
            return 0
        console.print("[red]The database already has locations.[/red] Seed the demo into an empty database.")
        return 1
    with console.status(f"Seeding the {args.scale} demo network from seed {args.seed}…"):
        summary = seed_demo(seed=args.seed, scale=SCALES[args.scale])
    console.print(_summary_table(summary))
    _print_access(console, example_sku=summary.scarce_example)
    return 0


def _summary_table(summary: DemoSummary) -> Table:
    table = Table(
        title=f"Demo network: seed {summary.seed}, {summary.scale}", caption=f"seeded in {summary.seconds:.1f} s"
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("channels", summary.channels),
        ("warehouses", summary.warehouses),
        ("stores", summary.stores),
        ("SKUs", summary.products),
        ("stock positions", summary.positions),
        ("units on hand", summary.units_on_hand),
        ("scarce SKUs (store stock only)", summary.scarce_skus),
        ("customers", summary.customers),
        ("orders", summary.orders),
        ("of which cancelled", summary.cancelled_orders),
    ]
    for label, count in rows:
        table.add_row(label, f"{count:,}")
    return table


def _print_access(console: Console, *, example_sku: str) -> None:
    console.print(f"\nCrossdock      {BASE_URL}/")
    console.print(f"API docs       {BASE_URL}/api/v1/docs")
    credentials = f"user [bold]{ADMIN_USERNAME}[/bold], password [bold]{ADMIN_PASSWORD}[/bold]"
    console.print(f"Admin          {BASE_URL}/admin/   ({credentials})")
    console.print(f"API token      [bold]{DEMO_TOKEN}[/bold]   (all scopes; demo only)")
    associate = associate_username("ST-NEW-YORK-CITY-NY")
    staff = f"e.g. [bold]{associate}[/bold] / [bold]{STAFF_PASSWORD}[/bold]; every account in docs/demo.md"
    console.print(f"Store app      {BASE_URL}/store/   ({staff})")
    header = f'-H "Authorization: Bearer {DEMO_TOKEN}"'
    console.print(f'Try            curl {header} "{BASE_URL}/api/v1/availability?skus={example_sku}"')
