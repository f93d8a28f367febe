"""ASGI factory: `create_app(settings)` mounts every area's router, the web pages and static files."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

import openlux
from openlux.auth.hotpath import SignedReadFastPath
from openlux.config import Settings
from openlux.contract import API_PREFIX
from openlux.core.context import AppContext
from openlux.core.envelope import install_error_handlers


def area_routers() -> list[APIRouter]:
    """`router` of every `openlux.<area>.routes` module, in name order (auth first)."""
    found = []
    for info in sorted(pkgutil.iter_modules(openlux.__path__), key=lambda i: (i.name != "auth", i.name)):
        if not info.ispkg:
            continue
        try:
            module = importlib.import_module(f"openlux.{info.name}.routes")
        except ModuleNotFoundError as exc:
            if exc.name == f"openlux.{info.name}.routes":
                continue
            raise
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def create_app(settings: Settings | None = None, *, ctx: AppContext | None = None) -> FastAPI:
    """The OpenLux ASGI application."""
    if ctx is None:
        ctx = AppContext.build(settings or Settings.load())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await ctx.close()

    app = FastAPI(
        title="OpenLux — LuxSci REST API v2",
        version=openlux.__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_error_handlers(app)
    # Answers fully cached signed getUser calls before FastAPI's routing (everything else passes).
    app.add_middleware(SignedReadFastPath, ctx=ctx)
    for router in area_routers():
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "web" / "static")), name="static")
    return app
