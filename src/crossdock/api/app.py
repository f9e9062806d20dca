from __future__ import annotations

from ninja import NinjaAPI

from crossdock.api import catalog, inventory, orders
from crossdock.api.auth import TokenAuth
from crossdock.api.errors import install_error_handlers

api = NinjaAPI(
    title="Crossdock API",
    version="1",
    description="Orders, inventory and reference data. Authenticate with `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    docs_url="/docs",
    urls_namespace="api-v1",
)
install_error_handlers(api)
api.add_router("", orders.router)
api.add_router("", inventory.router)
api.add_router("", catalog.router)
