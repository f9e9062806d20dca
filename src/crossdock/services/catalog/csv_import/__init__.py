"""Import locations, products, stock counts and stock movements from CSV files (`crossdock import …`).

A file is checked in full before anything is written. Any bad row refuses the whole file, naming
each bad row's line and field, unless `partial` is set: then bad rows are skipped and reported.
"""

from crossdock.services.catalog.csv_import.report import ImportReport, Progress, RowError
from crossdock.services.catalog.csv_import.run import FEEDS, KINDS, count_rows, import_csv

__all__ = ["FEEDS", "KINDS", "ImportReport", "Progress", "RowError", "count_rows", "import_csv"]
