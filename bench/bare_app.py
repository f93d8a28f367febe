"""The baselines: bare Starlette endpoints doing the least work that the OpenLux figure could do.

Run by bench/common.bare_server() as one uvicorn process, like `openlux api`:
- GET /hello                  JSON "hello" (the floor of any signed call);
- GET /o/{token}, /c/{token}  the tracking pixel's GIF and a 302 to a fixed URL;
- POST /contacts/{list_id}    JSON contacts upserted with one executemany (no checks, no signatures);
- GET /report[?status=…]      the report page's two statements: count of the (filtered) rows, and the
                              first 50 of them joined to their message, in the report's order (date, queue id).
The database ones use BENCH_DATABASE_URL (SQLAlchemy async URL, the same backend OpenLux uses).
"""

from __future__ import annotations

import base64
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store, no-cache, must-revalidate, private", "Pragma": "no-cache"}
TARGET = os.environ.get("BENCH_REDIRECT", "https://example.org/landing?campaign=bench")

metadata = MetaData()
contacts = Table(
    "bare_contact",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, nullable=False),
    Column("email", String(320), nullable=False),
    Column("status", String(20), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("modified_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("list_id", "email"),
)
engine: AsyncEngine | None = None


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    global engine
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        engine = create_async_engine(url, pool_size=5)
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
    yield
    if engine is not None:
        await engine.dispose()


async def hello(request: Request) -> Response:
    return JSONResponse({"success": 1, "data": {"hello": "world"}})


async def pixel(request: Request) -> Response:
    return Response(GIF, media_type="image/gif", headers=NO_STORE)


async def click(request: Request) -> Response:
    return Response(status_code=302, headers={"Location": TARGET, **NO_STORE})


async def add_contacts(request: Request) -> Response:
    assert engine is not None
    body = await request.json()
    list_id = int(request.path_params["list_id"])
    now = datetime.now(UTC)
    rows = [{"list_id": list_id, "email": c["email"].lower(), "status": "subscribed", "fields": c.get("fields", {}),
             "created_at": now, "modified_at": now} for c in body["contacts"]]
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(contacts)
    statement = statement.on_conflict_do_update(
        index_elements=["list_id", "email"], set_={"fields": statement.excluded.fields, "modified_at": now}
    )
    async with engine.begin() as conn:
        await conn.execute(statement, rows)
    return JSONResponse({"success": 1, "data": {"added": len(rows)}})


async def report(request: Request) -> Response:
    assert engine is not None
    status = request.query_params.get("status", "")
    where = "m.account_id = :account AND m.channel IN ('api', 'smtp')" + (" AND r.state = :state" if status else "")
    params = {"account": int(request.query_params.get("account", "1")), "state": status}
    async with engine.connect() as conn:
        total = (await conn.execute(text(f"SELECT count(*) FROM outbound_message m JOIN outbound_recipient r "
                                         f"ON r.message_id = m.id WHERE {where}"), params)).scalar_one()
        page = (await conn.execute(text(f"SELECT m.created_at, m.id, m.message_id, m.mail_from, r.id, r.address, "
                                        f"r.state, r.completed_at, r.last_code, r.last_reply "
                                        f"FROM outbound_message m JOIN outbound_recipient r ON r.message_id = m.id "
                                        f"WHERE {where} ORDER BY m.created_at, m.id, r.id LIMIT 50"),
                                   params)).all()
    rows = [{"date": str(r[0]), "queue_id": r[1], "message_id": r[2], "sender": r[3], "recipient_id": r[4],
             "recipient": r[5], "status": r[6], "updated": str(r[7]), "code": r[8], "reply": r[9]} for r in page]
    return JSONResponse({"success": 1, "total_matches": total, "data": rows})


app = Starlette(
    routes=[
        Route("/hello", hello),
        Route("/o/{token}", pixel),
        Route("/c/{token}", click),
        Route("/contacts/{list_id}", add_contacts, methods=["POST"]),
        Route("/report", report),
    ],
    lifespan=lifespan,
)
