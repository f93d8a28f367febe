"""Servers end to end: the heartbeat registry, queue depths and purges, and the sending rate that holds mail."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from openlux.client import Client
from openlux.core import time as clock
from openlux.mail import queue as mail_queue
from openlux.mail.models import OutboundMessage, OutboundRecipient
from tests.admin.conftest import Relayed
from tests.admin.helpers import user_client
from tests.support.dbquery import on_server_db
from tests.support.failures import assert_fails
from tests.support.polling import assert_stays, wait_until

MIME = b"From: admin@example.com\r\nTo: q@example.org\r\nSubject: queued\r\nMessage-ID: <q@x>\r\n\r\nbody\r\n"


def _up(api: Client) -> dict:
    """This server's row, once its heartbeat has been recorded (a busy machine may take a moment)."""
    [me] = wait_until(lambda: [s for s in api.get_servers() if s["status"] == "up"], what="a server that is up")
    return me


def _server_id(api: Client) -> int:
    return int(_up(api)["server_id"])


def test_process_internals_only_for_integrations_granted_the_servers_area(relayed: Relayed) -> None:
    """Hardening issue item 12: pid, host name, listeners and relays are the installation's, not a tenant's."""
    with relayed.account_api() as api:  # default access, no explicit `servers` grant
        me = _up(api)
        assert me["hostname"] == "" and me["server"] == f"server-{me['server_id']}"
        status = api.get_server_status(server_id=me["server_id"])
        assert status["pid"] is None and status["machine"] == "" and status["relays"] == [] == status["listeners"]
        assert set(status["queues"]) == {"incoming", "deferred", "active", "active_here", "total"}


def test_servers_describe_the_running_process(relayed: Relayed) -> None:
    with relayed.servers_api() as api:
        me = _up(api)
        assert {"api", "delivery", "submission"} <= set(me["roles"]) and me["delivery_mode"] == "relay"
        assert me["hostname"] == "mail.openlux.test"
        status = wait_until(
            lambda: (
                (s := api.get_server_status(server_id=me["server_id"]))["listeners"]
                and all(x["accepting"] for x in s["listeners"])
                and s
            )
        )
        assert {x["role"] for x in status["listeners"]} == {"api", "submission", "inbound"}
        assert status["relays"] == [{"host": relayed.sink.host, "port": relayed.sink.port, "weight": 1.0}]
        assert status["delivery_workers"] > 0 and status["uptime_seconds"] >= 0
        assert me["server"] == f"{status['machine']}:{status['pid']}" == f"{socket.gethostname()}:{status['pid']}"
        assert set(status["queues"]) == {"incoming", "deferred", "active", "active_here", "total"}
        assert api.get_server_status(server_id=me["server"])["server_id"] == me["server_id"]  # by name too
    with relayed.user_api() as user:
        user.send_email(messages=[{"to": ["rate-count@example.org"], "subject": "s", "text": "t"}])
    with relayed.servers_api() as api:
        # Recorded by the worker a moment after the sink got it: wait until both views show it.
        status = wait_until(
            lambda: (
                (s := api.get_server_status(server_id=me["server_id"]))["destinations"]
                and s["sending_rate"]["sent_last_hour"]
                and s
            )
        )
        assert status["destinations"][0]["server"] and status["destinations"][0]["last_hour"].get("sent", 0) >= 1
        assert status["sending_rate"]["sent_last_hour"] >= 1 and status["sending_rate"]["messages_last_hour"] >= 1


def test_sending_rate_holds_mail_until_raised(relayed: Relayed) -> None:
    with relayed.account_api() as api, relayed.user_api() as user:
        sid = _server_id(api)
        used = api.get_server_status(server_id=sid)["sending_rate"]["messages_last_hour"]
        set_reply = api.set_server_sendng_rate(server_id=sid, rate=str(used + 1))
        assert set_reply["rate"] == used + 1 and set_reply["sending_rate"]["limit_per_hour"] == used + 1
        try:
            user.send_email(messages=[{"to": ["paced-1@example.org"], "subject": "1", "text": "first"}])
            wait_until(lambda: [m for m in relayed.sink.messages if "paced-1@example.org" in m.rcpt_tos])
            # The pacer (every second) sees the budget used and tells this process's claimer to hold the account.
            context = relayed.server.context
            wait_until(
                lambda: int(relayed.server.credentials["account"]) in context.held_accounts,
                what="the pacer holding the account",
            )
            user.send_email(messages=[{"to": ["paced-2@example.org"], "subject": "2", "text": "second"}])
            # Held mail is skipped by every claim: twenty worker polls (0.05 s each) do not send it.
            assert_stays(
                lambda: not [m for m in relayed.sink.messages if "paced-2@example.org" in m.rcpt_tos],
                seconds=1.0,
                what="paced-2 held",
            )
            assert api.get_server_status(server_id=sid)["queues"]["incoming"] == 1
        finally:
            assert api.set_server_sendng_rate(server_id=sid, rate=0)["sending_rate"]["limit_per_hour"] == 0
        wait_until(lambda: [m for m in relayed.sink.messages if "paced-2@example.org" in m.rcpt_tos])


def test_empty_queues_purges_only_the_accounts_pending_mail(relayed: Relayed) -> None:
    server = relayed.server
    account_id = int(server.credentials["account"])

    async def enqueue(session, ctx) -> list[int]:
        ids = [
            await mail_queue.enqueue_message(
                session,
                ctx,
                account_id=account_id,
                user_id=None,
                mail_from="admin@example.com",
                recipients=[f"q{i}@example.org"],
                mime=MIME,
            )
            for i in range(2)
        ]
        later = clock.utcnow() + timedelta(hours=1)  # out of the workers' reach while the test looks
        await session.execute(update(OutboundMessage).where(OutboundMessage.id == ids[0]).values(next_attempt_at=later))
        await session.execute(
            update(OutboundMessage).where(OutboundMessage.id == ids[1]).values(next_attempt_at=later, attempts=1)
        )
        return ids

    new_id, deferred_id = on_server_db(server, enqueue)
    with relayed.account_api() as api:
        sid = _server_id(api)
        queues = api.get_server_status(server_id=sid)["queues"]
        assert (queues["incoming"], queues["deferred"]) == (1, 1)
        assert api.server_empty_email_queues(server_id=sid) == {
            "server_id": sid,
            "purged_messages": 1,
            "purged_recipients": 1,
        }
        assert api.get_server_status(server_id=sid)["queues"]["deferred"] == 1
        assert api.server_empty_all_email_queues(server_id=sid)["purged_messages"] == 1
        assert api.get_server_status(server_id=sid)["queues"]["total"] == 0

    async def states(session, ctx) -> list[tuple[str, str, str]]:
        rows = await session.execute(
            select(OutboundMessage.state, OutboundRecipient.state, OutboundRecipient.last_reply)
            .join(OutboundRecipient, OutboundRecipient.message_id == OutboundMessage.id)
            .where(OutboundMessage.id.in_([new_id, deferred_id]))
        )
        return [tuple(r) for r in rows]

    assert {s[:2] for s in on_server_db(server, states)} == {("failed", "failed")}
    assert all("Purged" in s[2] for s in on_server_db(server, states))


@pytest.mark.parametrize("rate", [-1, "abc", None, 10**9])
def test_set_rate_rejects_bad_values(account_api: Client, rate) -> None:
    sid = _server_id(account_api)
    assert_fails(400, account_api.set_server_sendng_rate, server_id=sid, rate=rate, message_has="'rate'")


def test_unknown_server_is_404_and_user_scope_is_403(account_api: Client, server) -> None:
    for call in (
        account_api.get_server_status,
        account_api.server_empty_email_queues,
        account_api.server_empty_all_email_queues,
    ):
        assert_fails(404, call, server_id=987654, message_has="No server")
    assert_fails(404, account_api.set_server_sendng_rate, server_id="nowhere:1", rate=5, message_has="No server")
    with user_client(server) as user:
        assert_fails(403, user.get_servers, message_has="account functions")
        assert_fails(403, user.get_server_status, server_id=1, message_has="account functions")
        assert_fails(403, user.server_empty_email_queues, server_id=1, message_has="account functions")
        assert_fails(403, user.server_empty_all_email_queues, server_id=1, message_has="account functions")
        assert_fails(403, user.set_server_sendng_rate, server_id=1, rate=5, message_has="account functions")
