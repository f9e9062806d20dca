"""`crossdock import deltas FILE.csv --sequence N [--partial]`: stock movements per location, with the rules of
a stock file — line numbers, all or nothing, one feed sequence per location shared with snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crossdock.cli import main
from crossdock.db.models import LocationFeed, StockPosition
from crossdock.services.catalog.csv_import import RowError, import_csv
from crossdock.services.inventory.apply_snapshot import CountedStock, apply_snapshot

pytestmark = pytest.mark.django_db
RUNNER, BEANIE, JACKET = "RETRO-RUNNER-42", "WOOL-BEANIE", "TRAIL-JACKET-M"


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "deltas.csv"
        path.write_text(text.lstrip())
        return path

    return write


@pytest.fixture
def counted(stock: Any) -> None:
    """Runners: 10 in Newark, 3 in Manhattan; beanies: 4 in Manhattan."""
    stock("WH-NJ", RUNNER, 10)
    stock("ST-MAN", RUNNER, 3)
    stock("ST-MAN", BEANIE, 4)


def on_hand() -> list[tuple[str, str, int]]:
    return sorted(StockPosition.objects.values_list("location__code", "product__sku", "on_hand"))


def feeds() -> list[tuple[str, int]]:
    return sorted(LocationFeed.objects.values_list("location__code", "sequence"))


def test_movements_are_applied_per_location_with_the_files_sequence(counted: None, csv_file: Any) -> None:
    path = csv_file("""
location,sku,delta
WH-NJ,RETRO-RUNNER-42,-4
ST-MAN,WOOL-BEANIE,+2
WH-NJ,RETRO-RUNNER-42,1
ST-MAN,TRAIL-JACKET-M,5
""")

    assert main(["import", "deltas", str(path), "--sequence", "12"]) == 0

    assert on_hand() == [
        ("ST-MAN", RUNNER, 3),
        ("ST-MAN", JACKET, 5),
        ("ST-MAN", BEANIE, 6),
        ("WH-NJ", RUNNER, 7),
    ]
    assert feeds() == [("ST-MAN", 12), ("WH-NJ", 12)]


def test_the_same_file_again_changes_nothing(counted: None, csv_file: Any) -> None:
    path = csv_file("location,sku,delta\nWH-NJ,RETRO-RUNNER-42,-4\n")
    import_csv("deltas", path, sequence=5)

    report = import_csv("deltas", path, sequence=5)

    assert (report.refused, report.applied, report.notes) == (
        False,
        0,
        ["WH-NJ: feed 5 was already applied; nothing changed"],
    )
    assert ("WH-NJ", RUNNER, 6) in on_hand()


def test_a_file_older_than_the_locations_last_count_is_refused(counted: None, csv_file: Any, db_state: Any) -> None:
    apply_snapshot("WH-NJ", 9, [CountedStock(RUNNER, 50)], actor="wms")
    before = db_state()
    path = csv_file("location,sku,delta\nWH-NJ,RETRO-RUNNER-42,-4\n")

    report = import_csv("deltas", path, sequence=8)

    assert (report.refused, report.errors) == (
        True,
        [RowError(2, "sequence", "WH-NJ already has feed 9, newer than 8")],
    )
    assert db_state() == before


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("ST-NOWHERE,RETRO-RUNNER-42,1", "location", "unknown location 'ST-NOWHERE'"),
        ("WH-NJ,NO-SUCH-SKU,1", "sku", "unknown sku 'NO-SUCH-SKU'"),
        ("WH-NJ,WOOL-BEANIE,0", "delta", "'0' is not a whole number from -1,000,000 to 1,000,000, not 0"),
        ("WH-NJ,WOOL-BEANIE,1.5", "delta", "'1.5' is not a whole number from -1,000,000 to 1,000,000, not 0"),
        ("WH-NJ,RETRO-RUNNER-42,-7", "delta", "on-hand at WH-NJ would go below zero"),
        ("WH-NJ,WOOL-BEANIE", "(missing cells)", "2 cells, the header has 3"),
    ],
)
def test_one_bad_row_refuses_the_file_naming_its_line(
    counted: None, csv_file: Any, db_state: Any, row: str, field: str, message: str
) -> None:
    before = db_state()
    path = csv_file(f"location,sku,delta\nWH-NJ,RETRO-RUNNER-42,-4\n{row}\n")

    assert main(["import", "deltas", str(path), "--sequence", "1"]) == 1
    assert import_csv("deltas", path, sequence=1).errors == [RowError(3, field, message)]

    assert db_state() == before


def test_partial_skips_the_bad_rows_and_applies_the_rest(
    counted: None, csv_file: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("""
location,sku,delta
WH-NJ,RETRO-RUNNER-42,-4
WH-NJ,RETRO-RUNNER-42,-7
ST-MAN,NO-SUCH-SKU,3
ST-MAN,WOOL-BEANIE,-1
""")

    assert main(["import", "deltas", str(path), "--sequence", "2", "--partial"]) == 0

    assert ("WH-NJ", RUNNER, 6) in on_hand() and ("ST-MAN", BEANIE, 3) in on_hand()
    printed = capsys.readouterr().out
    assert "would go below zero" in printed and "Imported 2 of 4 deltas rows, 2 skipped." in printed


def test_a_delta_file_needs_a_sequence(counted: None, csv_file: Any, db_state: Any) -> None:
    before = db_state()
    path = csv_file("location,sku,delta\nWH-NJ,RETRO-RUNNER-42,-4\n")

    assert main(["import", "deltas", str(path)]) == 2

    assert db_state() == before
