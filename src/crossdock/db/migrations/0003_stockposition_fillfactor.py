"""Leave room in stock position pages so on-hand and reserved updates stay HOT (no index writes)."""

from collections.abc import Callable

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def _set_fillfactor(percent: int) -> Callable[[StateApps, BaseDatabaseSchemaEditor], None]:
    def apply(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE crossdock_stockposition SET (fillfactor = {percent})")

    return apply


class Migration(migrations.Migration):
    dependencies = [("crossdock", "0002_after_sales_and_inventory_depth")]
    operations = [migrations.RunPython(_set_fillfactor(70), _set_fillfactor(100))]
