"""Replay: past orders decided again under a draft profile, compared with what happened. Reads only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from crossdock.api.auth import scoped
from crossdock.api.orders import ERRORS
from crossdock.api.schemas.routing_replay import ReplayIn, ReplayOut
from crossdock.domain.routing.replay_report import KPIS
from crossdock.services.routing.replay import ReplayReport, replay_profile

router = Router(tags=["routing profiles"])
_DESCRIPTIONS = dict(KPIS)


@router.post("/routing/replay", auth=scoped("routing:read"), response={200: ReplayOut, **ERRORS})
def post_replay(request: HttpRequest, payload: ReplayIn) -> dict[str, Any]:
    """Re-run the most recent placed orders of the window under `spec`, each from the stock and store standing
    recorded when it was routed, and return the KPIs of what happened, of the draft, and their difference.
    Writes nothing. Errors name the field (`spec.cost.per_km`, `since`)."""
    spec = payload.spec.model_dump(mode="json", exclude_unset=True)
    report = replay_profile(spec, since=payload.since, limit=payload.limit, low_reliability=payload.low_reliability)
    return _shaped(report)


def _shaped(report: ReplayReport) -> dict[str, Any]:
    return {
        "since": report.since,
        "until": report.until,
        "orders": report.actual.orders,
        "changed": report.changed,
        "left_out": report.left_out,
        "skipped": dict(report.skipped),
        "kpis": [
            {
                "name": row.name,
                "description": _DESCRIPTIONS[row.name],
                "actual": row.actual,
                "draft": row.draft,
                "delta": row.delta,
            }
            for row in report.kpis
        ],
        "load": [
            {
                "location": row.location,
                "actual_units": row.actual.units,
                "draft_units": row.draft.units,
                "actual_fulfilments": row.actual.fulfilments,
                "draft_fulfilments": row.draft.fulfilments,
            }
            for row in report.loads
        ],
    }
