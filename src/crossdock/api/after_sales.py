"""Everything after the sale, mounted on the API as one router: payments, holds, edits, returns."""

from __future__ import annotations

from ninja import Router

from crossdock.api import edits, holds, payments, returns

router = Router()
router.add_router("", payments.router)
router.add_router("", holds.router)
router.add_router("", edits.router)
router.add_router("", returns.router)
