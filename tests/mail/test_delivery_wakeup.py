"""Mail queued by a process wakes that process's delivery at once, not at its next poll.

Under `openlux serve` the API, the campaign role and submission share the process with delivery:
a sendEmail is on its way as soon as it is committed. The poll interval here is 60 s, so mail that
waited for a poll would not arrive within the 15 s allowed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.support.polling import wait_until
from tests.support.server import Served, served

POLL_SECONDS = 60.0
ALLOWED_SECONDS = 15.0


@pytest.fixture(scope="module")
def world(backend: str) -> Iterator[Served]:
    with served(backend, sink="plain", extra_env={"OPENLUX_DELIVERY_POLL_SECONDS": str(POLL_SECONDS)}) as world:
        # Past start-up: the claimer's first look found nothing and it now waits on the bell (a barrier,
        # not a sleep), which without the bell's wake-up it would wait out for the whole poll interval.
        wait_until(lambda: world.server.context.mail_queued.waiting > 0, what="the delivery claimer waiting")
        yield world


def arrived(world: Served, address: str) -> bool:
    assert world.sink is not None
    return any(address in m.rcpt_tos for m in world.sink.messages)


def test_send_email_is_delivered_without_waiting_for_the_poll(world: Served) -> None:
    address = f"now-{uuid.uuid4().hex[:8]}@example.org"
    with world.user_api() as api:
        api.send_email(messages=[{"to": [address], "subject": "Now", "text": "Hello"}])
    wait_until(lambda: arrived(world, address), timeout=ALLOWED_SECONDS, what=f"mail to {address}")


def test_a_campaigns_batches_are_delivered_without_waiting_for_the_poll(world: Served) -> None:
    tag = uuid.uuid4().hex[:8]
    readers = [f"reader{i}-{tag}@example.org" for i in range(3)]
    with world.user_api() as api:
        made = api.add_list(name=f"Now {tag}", from_address=api.user)
        for reader in readers:
            api.add_contact(list_id=made["list_id"], email=reader)
        api.add_campaign(name=f"Now {tag}", lists=[made["list_id"]], subject="S", text="Hi", send_at="now")
    wait_until(lambda: all(arrived(world, r) for r in readers), timeout=ALLOWED_SECONDS, what="the campaign's mail")
