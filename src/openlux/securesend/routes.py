"""Routes of SecureLine and SecureSend: the API endpoints (sending area) and the pickup portal pages.

Area discovery (`openlux.app.area_routers`) only looks at `openlux.<area>.routes`, so the
SecureLine API router, which lives under openlux.mail.secureline, is mounted from here.
"""

from __future__ import annotations

from fastapi import APIRouter

from openlux.mail.secureline.routes import router as secureline_api
from openlux.securesend.api import router as securesend_api
from openlux.securesend.pages import router as pickup_pages
from openlux.securesend.portal_pages import router as portal_pages

router = APIRouter()
router.include_router(secureline_api)
router.include_router(pickup_pages)
router.include_router(securesend_api)
router.include_router(portal_pages)
