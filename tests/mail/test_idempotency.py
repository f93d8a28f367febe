"""Idempotency-Key on the send endpoints (issue 11, item 4): a retried send never sends twice.

Real signed HTTP against a real server on both backends; what was queued is counted in its database.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update

from openlux.client import Client
from openlux.client._core import build_call, endpoint_for, path_defaults, sign
from openlux.core import time as clock
from openlux.mail.models import OutboundMessage, SendIdempotency
from tests.mail.test_send_api import on_server_db
from tests.support.server import RunningServer


def signed(api: Client, endpoint: str, params: dict[str, Any], key: str | None) -> tuple[str, str, bytes, dict]:
    """(method, target, body, headers) of a signed call carrying `key` as its Idempotency-Key."""
    ep = endpoint_for(endpoint)
    request = build_call(ep, params, path_defaults(ep, user=api.user, account=api.account))
    sign(request, api.auth_code or api.authenticate(), api.secret)
    headers = dict(request.headers)
    if key is not None:
        headers["Idempotency-Key"] = key
    return request.method, request.target, request.content or b"", headers


def call(server: RunningServer, api: Client, params: dict[str, Any], key: str | None, endpoint: str = "sendEmail"):
    method, target, body, headers = signed(api, endpoint, params, key)
    return httpx.request(method, server.base_url.rstrip("/") + target, content=body, headers=headers, timeout=60)


def message(subject: str, to: str = "idem@example.org") -> dict[str, Any]:
    return {"messages": [{"to": [to], "subject": subject, "text": "once"}]}


def queued_count(server: RunningServer) -> int:
    async def count(session: Any, ctx: Any) -> int:
        return int(await session.scalar(select(func.count()).select_from(OutboundMessage)))

    return on_server_db(server, count)


def test_a_retry_with_the_same_key_gets_the_first_answer_and_sends_nothing(
    server: RunningServer, user_api: Client
) -> None:
    key = f"retry-{uuid.uuid4()}"
    before = queued_count(server)
    first = call(server, user_api, message("first"), key)
    assert first.status_code == 200, first.text
    assert "Idempotent-Replayed" not in first.headers
    again = call(server, user_api, message("first"), key)
    assert again.status_code == 200, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert queued_count(server) == before + 1
    # Without the header, or with another key, every call sends (LuxSci behaviour is unchanged).
    assert call(server, user_api, message("first"), None).status_code == 200
    assert call(server, user_api, message("first"), f"other-{uuid.uuid4()}").status_code == 200
    assert queued_count(server) == before + 3


def test_the_same_key_with_another_request_is_a_conflict_naming_the_header(
    server: RunningServer, user_api: Client
) -> None:
    key = f"reuse-{uuid.uuid4()}"
    assert call(server, user_api, message("one"), key).status_code == 200
    before = queued_count(server)
    other = call(server, user_api, message("two"), key)
    assert other.status_code == 409, other.text
    assert "Idempotency-Key" in other.json()["error"]
    # The deprecated send endpoint shares the key space of the account: another endpoint is another request.
    legacy = call(
        server,
        user_api,
        {"to": "idem@example.org", "subject": "one", "body": "once"},
        key,
        endpoint="sendSecureEmailOrSecureText",
    )
    assert legacy.status_code == 409, legacy.text
    assert queued_count(server) == before


def test_a_refused_send_leaves_the_key_free(server: RunningServer, user_api: Client) -> None:
    key = f"refused-{uuid.uuid4()}"
    refused = call(server, user_api, {"messages": [{"to": ["not an address"], "subject": "x", "text": "x"}]}, key)
    assert refused.status_code == 400, refused.text
    accepted = call(server, user_api, message("fixed"), key)
    assert accepted.status_code == 200, accepted.text
    assert "Idempotent-Replayed" not in accepted.headers


def test_a_key_is_reusable_after_its_window(server: RunningServer, user_api: Client) -> None:
    key = f"old-{uuid.uuid4()}"
    assert call(server, user_api, message("yesterday"), key).status_code == 200

    async def age(session: Any, ctx: Any) -> None:
        await session.execute(
            update(SendIdempotency)
            .where(SendIdempotency.key == key)
            .values(created_at=clock.utcnow() - timedelta(hours=24, minutes=1))
        )

    on_server_db(server, age)
    before = queued_count(server)
    today = call(server, user_api, message("today"), key)
    assert today.status_code == 200, today.text
    assert "Idempotent-Replayed" not in today.headers
    assert queued_count(server) == before + 1


def test_a_malformed_key_is_refused_naming_the_header(server: RunningServer, user_api: Client) -> None:
    before = queued_count(server)
    for bad in ("x" * 256, ""):
        refused = call(server, user_api, message("bad key"), bad)
        assert refused.status_code == 400, refused.text
        assert "Idempotency-Key" in refused.json()["error"]
    assert queued_count(server) == before


def test_fifty_concurrent_duplicates_send_exactly_once(server: RunningServer, user_api: Client) -> None:
    key = f"storm-{uuid.uuid4()}"
    method, target, body, headers = signed(user_api, "sendEmail", message("storm"), key)
    before = queued_count(server)

    async def storm() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server.base_url.rstrip("/"), timeout=120) as http:
            return await asyncio.gather(
                *(http.request(method, target, content=body, headers=headers) for _ in range(50))
            )

    answers = asyncio.run(storm())
    assert [a.status_code for a in answers] == [200] * 50, [a.text for a in answers if a.status_code != 200][:3]
    assert len({json.dumps(a.json(), sort_keys=True) for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") == "true" for a in answers) == 49
    assert queued_count(server) == before + 1
