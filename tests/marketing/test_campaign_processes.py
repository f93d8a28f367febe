"""Where a campaign is composed: `openlux api` composes it, `openlux worker` delivers it.

Real processes on both backends, signed SDK calls, a real SMTP sink. With only `openlux api` running,
a due campaign is composed (every message queued, the campaign `sent`) and nothing leaves; once an
`openlux worker` starts, every message reaches the sink exactly once. Composition used to run in
the delivery worker, where it shared one interpreter lock with delivery (docs/operations.md, "Where
campaigns are composed").
"""

from __future__ import annotations

import time
from collections import Counter
from email import message_from_bytes
from typing import Any

from openlux.client import Client
from tests.support.cli import init_installation
from tests.support.polling import wait_until
from tests.support.server import (
    scratch_installation,
    server_env,
    start_api_process,
    start_worker_process,
    stop_process,
    user_client,
    wait_for_start_line,
)
from tests.support.smtp_sinks import smtp_sink

CONTACTS = 25


def _composed(client: Client, campaign_id: int) -> dict[str, Any] | None:
    """The campaign once no longer scheduled or sending (None before)."""
    campaign = client.get_campaign(campaign_id=campaign_id)
    return None if campaign["status"] in ("scheduled", "sending") else campaign


def test_the_api_process_composes_a_campaign_and_the_worker_delivers_it(backend: str) -> None:
    with scratch_installation(backend, "openlux-campaign-processes") as (tmp, url):
        data_dir = tmp / "data"
        api = worker = None
        try:
            with smtp_sink("plain") as sink:
                env = server_env(
                    data_dir,
                    url,
                    {
                        "OPENLUX_DELIVERY_MODE": "relay",
                        "OPENLUX_RELAYS": sink.address,
                        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
                    },
                )
                creds = init_installation(env)
                api, port = start_api_process(env)
                with user_client(port, creds) as client:
                    made = client.add_list(name="Processes", from_name="ACME", from_address=creds["user"])
                    client.add_contacts(
                        list_id=made["list_id"], contacts=[f"reader{i}@example.org" for i in range(CONTACTS)]
                    )
                    campaign_id = int(
                        client.add_campaign(
                            name="Where composed",
                            subject="Hello",
                            text="Hi {{ email }}",
                            lists=[made["list_id"]],
                            from_name="ACME",
                            from_address=creds["user"],
                            send_at="now",
                        )["campaign_id"]
                    )
                    # Only the API process runs: it composes the whole campaign, and nothing is delivered.
                    composed = wait_until(
                        lambda: _composed(client, campaign_id), timeout=60, what="the API process composing it"
                    )
                    assert (composed["status"], int(composed["queued"])) == ("sent", CONTACTS)
                    time.sleep(0.5)
                    assert sink.messages == []

                    log = tmp / "worker.log"
                    worker = start_worker_process(env, log)
                    wait_for_start_line(log, worker)
                    sink.wait_for(CONTACTS, timeout=60)
                    time.sleep(0.5)  # anything sent twice would arrive now
                received = Counter(str(message_from_bytes(m.data)["To"]) for m in sink.messages)
                assert received == Counter(f"reader{i}@example.org" for i in range(CONTACTS)), log.read_text()[-3000:]
        finally:
            for process in (worker, api):
                if process is not None:
                    stop_process(process)
