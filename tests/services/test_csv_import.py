"""`crossdock import locations|products|stock FILE.csv`: all or nothing, or --partial."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from crossdock.cli import main
from crossdock.db.models import Location, LocationFeed, Product, StockPosition
from crossdock.domain.orders import DeliveryMethod, RequestedLine
from crossdock.services.catalog.csv_import import RowError, import_csv
from crossdock.services.orders.queries import get_order

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "import.csv"
        path.write_text(text.lstrip())
        return path

    return write


def stock_of(location: str) -> list[tuple[str, int, int]]:
    return list(
        StockPosition.objects.filter(location__code=location)
        .order_by("product__sku")
        .values_list("product__sku", "on_hand", "safety_stock")
    )


# Locations -----------------------------------------------------------------------------------


def test_locations_are_created_from_a_csv(csv_file: Callable[[str], Path]) -> None:
    path = csv_file("""
code,name,type,latitude,longitude,timezone,city,country,capabilities,daily_capacity
DC-COLUMBUS-OH,Columbus Distribution Centre,warehouse,39.96118,-82.99879,America/New_York,Columbus,US,ship,6000
ST-BOISE-ID,"Boise, ID",store,43.6135,-116.20345,America/Boise,Boise,US,pickup;ship_from_store,25
""")

    assert main(["import", "locations", str(path)]) == 0

    assert list(
        Location.objects.values_list("code", "name", "type", "latitude", "timezone", "capabilities", "daily_capacity")
    ) == [
        ("DC-COLUMBUS-OH", "Columbus Distribution Centre", "warehouse", 39.96118, "America/New_York", ["ship"], 6000),
        ("ST-BOISE-ID", "Boise, ID", "store", 43.6135, "America/Boise", ["pickup", "ship_from_store"], 25),
    ]


def test_a_locations_file_with_an_unknown_column_is_refused(csv_file: Callable[[str], Path]) -> None:
    path = csv_file("""
code,name,type,latitude,longitude,colour
ST-BOISE-ID,Boise,store,43.6135,-116.20345,teal
""")

    assert main(["import", "locations", str(path)]) == 1

    assert not Location.objects.exists()


def test_every_bad_location_row_is_reported_with_its_line_and_field(csv_file: Callable[[str], Path]) -> None:
    path = csv_file("""
code,name,type,latitude,longitude,timezone
ST-BOISE-ID,Boise,store,43.6135,-116.20345,America/Boise
ST-MARS,Mars,store,95.0,10,UTC
ST-NOWHERE,Nowhere,kiosk,10,10,UTC
ST-LOST,Lost,store,10,10,Mars/Olympus_Mons
ST-BOISE-ID,Boise again,store,43.6,-116.2,America/Boise
""")

    report = import_csv("locations", path)

    assert report.refused
    assert [(e.line, e.field) for e in report.errors] == [
        (3, "latitude"),
        (4, "type"),
        (5, "timezone"),
        (6, "code"),
    ]
    assert report.errors[3] == RowError(6, "code", "'ST-BOISE-ID' is already on line 2")
    assert not Location.objects.exists()


# Products ------------------------------------------------------------------------------------


def test_the_sample_products_file_imports_with_prices_barcodes_and_attributes() -> None:
    assert main(["import", "products", str(SAMPLES / "products.csv")]) == 0

    trail = Product.objects.get(sku="ULTRA-BLK-9")
    assert (trail.name, trail.price, trail.brand, trail.barcode) == (
        "Ultra Trail 50, Black, size 9",
        Decimal("189.99"),
        "Apex Trail",
        "2099000000019",
    )
    assert trail.attributes == {"family": "Ultra Trail 50", "colour": "Black", "size": "9"}
    assert Product.objects.get(sku="POM-BEANIE-RED-OS").attributes == {}


def test_a_products_file_with_a_bad_price_writes_nothing(csv_file: Callable[[str], Path]) -> None:
    path = csv_file("""
sku,name,price
TRAIL-SOCK-M,Trail Sock M,12.50
TRAIL-SOCK-L,Trail Sock L,"12,50"
""")

    report = import_csv("products", path)

    assert report.refused
    assert report.errors == [RowError(3, "price", "'12,50' is not like 129.99")]
    assert not Product.objects.exists()


def test_a_barcode_that_belongs_to_another_sku_refuses_the_file(
    products: dict[str, Product], csv_file: Callable[[str], Path]
) -> None:
    path = csv_file("""
sku,name,price,barcode
TRAIL-SOCK-M,Trail Sock M,12.50,4006381333931
""")

    assert main(["import", "products", str(path)]) == 1

    assert not Product.objects.filter(sku="TRAIL-SOCK-M").exists()
    assert Product.objects.get(barcode="4006381333931").sku == "RETRO-RUNNER-42"


def test_partial_skips_bad_product_rows_imports_the_rest_and_reports_them(
    csv_file: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("""
sku,name,price,attributes
TRAIL-SOCK-M,Trail Sock M,12.50,"{""size"": ""M""}"
TRAIL-SOCK-L,Trail Sock L,cheap,
TRAIL-SOCK-XL,Trail Sock XL,12.50,[1]
TRAIL-SOCK-S,,12.50,
TRAIL-SOCK-XS,Trail Sock XS,11.00,
""")

    assert main(["import", "products", str(path), "--partial"]) == 0

    assert list(Product.objects.values_list("sku", "price", "attributes")) == [
        ("TRAIL-SOCK-M", Decimal("12.50"), {"size": "M"}),
        ("TRAIL-SOCK-XS", Decimal("11.00"), {}),
    ]
    printed = capsys.readouterr().out
    assert "3 bad row(s)" in printed and "Imported 2 of 5 products rows, 3 skipped." in printed


# Stock ---------------------------------------------------------------------------------------


def test_stock_is_set_per_location_with_the_feed_sequence_and_safety_stock(
    stock: Any, csv_file: Callable[[str], Path]
) -> None:
    stock("ST-MAN", "WOOL-BEANIE", 9, safety_stock=2)
    path = csv_file("""
location,sku,on_hand,safety_stock
WH-NJ,RETRO-RUNNER-42,120,5
WH-NJ,WOOL-BEANIE,40,
ST-MAN,WOOL-BEANIE,3,
ST-MAN,TRAIL-JACKET-M,1,0
""")

    assert main(["import", "stock", str(path), "--sequence", "7"]) == 0

    assert stock_of("WH-NJ") == [("RETRO-RUNNER-42", 120, 5), ("WOOL-BEANIE", 40, 0)]
    assert stock_of("ST-MAN") == [("TRAIL-JACKET-M", 1, 0), ("WOOL-BEANIE", 3, 2)]
    assert sorted(LocationFeed.objects.values_list("location__code", "sequence")) == [("ST-MAN", 7), ("WH-NJ", 7)]


def test_a_stock_row_for_an_unknown_location_refuses_the_whole_file(
    stock: Any, csv_file: Callable[[str], Path], db_state: Callable[[], dict[str, Any]]
) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    before = db_state()
    path = csv_file("""
location,sku,on_hand
WH-NJ,RETRO-RUNNER-42,120
ST-NOWHERE,RETRO-RUNNER-42,4
""")

    report = import_csv("stock", path, sequence=1)

    assert report.refused
    assert report.errors == [RowError(3, "location", "unknown location 'ST-NOWHERE'")]
    assert db_state() == before


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("WH-NJ,NO-SUCH-SKU,4", "sku", "unknown sku 'NO-SUCH-SKU'"),
        ("WH-NJ,WOOL-BEANIE,-4", "on_hand", "'-4' is not a whole number from 0 to 2,147,483,647"),
        ("WH-NJ,WOOL-BEANIE,4.5", "on_hand", "'4.5' is not a whole number from 0 to 2,147,483,647"),
        ("WH-NJ,WOOL-BEANIE,4,x", "(surplus cells)", "4 cells, the header has 3"),
        ("WH-NJ,RETRO-RUNNER-42,3", "sku", "RETRO-RUNNER-42 at WH-NJ is already on line 2"),
    ],
)
def test_a_bad_stock_row_is_named_by_line_and_field_and_nothing_is_written(
    row: str,
    field: str,
    message: str,
    stock: Any,
    csv_file: Callable[[str], Path],
    db_state: Callable[[], dict[str, Any]],
) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 10)
    before = db_state()
    path = csv_file(f"location,sku,on_hand\nWH-NJ,RETRO-RUNNER-42,120\n{row}\n")

    assert main(["import", "stock", str(path), "--sequence", "1"]) == 1
    assert import_csv("stock", path, sequence=1).errors == [RowError(3, field, message)]

    assert db_state() == before


def test_a_stock_file_older_than_the_applied_feed_is_refused(
    stock: Any, csv_file: Callable[[str], Path], position: Any
) -> None:
    newer = csv_file("location,sku,on_hand\nWH-NJ,RETRO-RUNNER-42,50\n")
    assert main(["import", "stock", str(newer), "--sequence", "9"]) == 0
    older = csv_file("location,sku,on_hand\nWH-NJ,RETRO-RUNNER-42,5\n")

    report = import_csv("stock", older, sequence=8)

    assert report.errors == [RowError(2, "sequence", "WH-NJ already has feed 9, newer than 8")]
    assert position("WH-NJ", "RETRO-RUNNER-42").on_hand == 50
    assert LocationFeed.objects.get(location__code="WH-NJ").sequence == 9


def test_partial_stock_import_skips_bad_rows_and_applies_the_rest(
    stock: Any, csv_file: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("""
location,sku,on_hand
WH-NJ,RETRO-RUNNER-42,120
ST-NOWHERE,RETRO-RUNNER-42,4
ST-MAN,WOOL-BEANIE,lots
ST-MAN,TRAIL-JACKET-M,2
""")

    assert main(["import", "stock", str(path), "--sequence", "3", "--partial"]) == 0

    assert stock_of("WH-NJ") == [("RETRO-RUNNER-42", 120, 0)]
    assert stock_of("ST-MAN") == [("TRAIL-JACKET-M", 2, 0)]
    printed = capsys.readouterr().out
    assert "unknown location 'ST-NOWHERE'" in printed and "Imported 2 of 4 stock rows, 2 skipped." in printed


def test_raising_safety_stock_above_what_is_free_releases_the_reserved_units_no_longer_covered(
    stock: Any, place: Callable[..., int], csv_file: Callable[[str], Path], position: Any
) -> None:
    stock("WH-NJ", "TRAIL-JACKET-M", 3)
    order_id = place(RequestedLine("TRAIL-JACKET-M", 2, DeliveryMethod.SHIP))
    path = csv_file("location,sku,on_hand,safety_stock\nWH-NJ,TRAIL-JACKET-M,3,2\n")

    assert main(["import", "stock", str(path), "--sequence", "1"]) == 0

    jacket = position("WH-NJ", "TRAIL-JACKET-M")
    assert (jacket.on_hand, jacket.safety_stock, jacket.reserved) == (3, 2, 1)
    line = get_order(order_id).lines[0]
    assert (line.status, line.unallocated_quantity) == ("unallocated", 1)


def test_a_stock_import_without_a_sequence_is_refused_before_reading(
    stock: Any, csv_file: Callable[[str], Path]
) -> None:
    path = csv_file("location,sku,on_hand\nWH-NJ,RETRO-RUNNER-42,120\n")

    assert main(["import", "stock", str(path)]) == 2

    assert not StockPosition.objects.exists()


def test_the_sample_files_in_the_docs_import_in_order(channels: Any) -> None:
    for kind in ("locations", "products"):
        assert main(["import", kind, str(SAMPLES / f"{kind}.csv")]) == 0
    assert main(["import", "stock", str(SAMPLES / "stock.csv"), "--sequence", "1"]) == 0

    assert stock_of("DC-COLUMBUS-OH") == [
        ("POM-BEANIE-RED-OS", 300, 0),
        ("ULTRA-BLK-10", 80, 5),
        ("ULTRA-BLK-9", 120, 5),
    ]
    assert stock_of("ST-PORTLAND-OR") == [("POM-BEANIE-RED-OS", 6, 1), ("ULTRA-BLK-9", 2, 0)]
    assert stock_of("ST-BOISE-ID") == [("ULTRA-BLK-10", 1, 0)]
