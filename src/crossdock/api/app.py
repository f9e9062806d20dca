from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI

from crossdock.api import catalog, inventory, orders
from crossdock.api.auth import TokenAuth
from crossdock.api.errors import error_body, install_error_handlers
from crossdock.api.parser import NulFreeParser

api = NinjaAPI(
    title="Crossdock API",
    version="1",
    description="Orders, inventory and reference data. Authenticate with `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    docs_url="/docs",
    urls_namespace="api-v1",
    parser=NulFreeParser(),
)
install_error_handlers(api)
api.add_router("", orders.router)
api.add_router("", inventory.router)
api.add_router("", catalog.router)
api.add_router("", "crossdock.api.controls.router")  # inventory controls, explain
api.add_router("", "crossdock.api.carts.router")
api.add_router("", "crossdock.api.supply.router")
api.add_router("", "crossdock.api.waiting.router")
api.add_router("", "crossdock.api.after_sales.router")  # payments, holds, edits, returns, exchanges
api.add_router("", "crossdock.api.routing_profiles.router")
api.add_router("", "crossdock.api.routing_replay.router")  # past orders under a draft profile
api.add_router("", "crossdock.api.offers.router")  # offers to stores, claims, routing explanations
api.add_router("", "crossdock.api.reliability.router")  # a store's learned reliability score
api.add_router("", "crossdock.api.store_work.router")  # store staff: session auth, scoped to their stores
api.add_router("", "crossdock.api.probe.router")  # empty unless CROSSDOCK_BENCH_PROBE=1 (benchmarks)


def unknown_route(request: HttpRequest) -> JsonResponse:
    """Paths under /api/ that no endpoint serves answer in the API's error format."""
    return JsonResponse(error_body("not_found", f"no endpoint at {request.path}", None), status=404)
