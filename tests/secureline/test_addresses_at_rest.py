"""Issue 9 item 11: SecureLine recipient keys, escrowed messages and SecureSend portal logins keep
their addresses sealed at rest; keyed HMAC blind indexes keep every lookup working.

Everything goes through the public paths: keys through `openlux secureline key` (CliRunner), mail
through the signed SDK and real delivery to a loopback MX without STARTTLS (so it is escrowed), the
portal user through the SDK, the password login and the portal through HTTP. Raw rows are read with
SQL to show that no address is stored in clear.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from openlux.core.sealing import address_index
from tests.secureline.conftest import MailWorld
from tests.secureline.material import PGPY_WARNINGS, pgp_pair
from tests.support.cli import run_cli
from tests.support.databases import BACKENDS
from tests.support.dbquery import fetch_all, server_box
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Received, Sink

pytestmark = pytest.mark.filterwarnings(PGPY_WARNINGS)
LINK = re.compile(r"http://127\.0\.0\.1:\d+/securesend/pickup/[A-Za-z0-9_-]+")
PASSWORD = "Portal-Pass-123"


@pytest.fixture(scope="module", params=BACKENDS)
def mx_server(request: pytest.FixtureRequest, mail_world: MailWorld) -> Iterator[RunningServer]:
    """A server that delivers straight to the mail world's MX hosts."""
    env = {
        **mail_world.env(),
        "OPENLUX_DELIVERY_MODE": "mx",
        "OPENLUX_DELIVERY_POLL_SECONDS": "0.1",
        "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "1",
    }
    with served(request.param, extra_env=env) as world:
        yield world.server


def _raw(server: RunningServer, table: str) -> str:
    return repr(fetch_all(server.database_url, f"SELECT * FROM {table}"))


def _mail_for(sink: Sink, address: str, subject: str) -> Received:
    def arrived() -> Received | None:
        return next((m for m in sink.messages if address in m.rcpt_tos and subject.encode() in m.data), None)

    return wait_until(arrived, what=f"mail {subject!r} for {address}")


def test_recipient_keys_are_sealed_and_still_used(mx_server: RunningServer, tmp_path: Path) -> None:
    local = f"kim-{uuid.uuid4().hex[:8]}"
    kim = f"{local}@plain.test"
    key_file = tmp_path / "kim.asc"
    key_file.write_bytes(pgp_pair(kim).public_armored.encode())
    added = run_cli(mx_server, "secureline", "key", "add", str(key_file), "--kind", "pgp", "--address", kim.upper())
    assert kim in added.stdout  # shown opened
    key_id = re.search(r"added pgp key (\d+)", added.stdout).group(1)

    assert local not in _raw(mx_server, "secureline_recipient_key")
    [row] = fetch_all(
        mx_server.database_url,
        "SELECT address, address_index FROM secureline_recipient_key WHERE address_index = :i",
        i=address_index(kim, server_box(mx_server)),
    )
    assert row["address"].startswith("ol1:")

    # The delivery policy finds the key by the address's index (in any case), the CLI lists it opened,
    # filters by it, and a second registration of the same key is a conflict (unique on the index).
    with mx_server.user_api() as api:
        data = api.retrieve_secure_line_recipient_list_encryption_data(to=[kim.upper()], tls_policy="required")
    assert [(r["address"], r["method"]) for r in data["recipients"]] == [(kim, "pgp")]
    listed = run_cli(mx_server, "secureline", "key", "list", "--address", kim.upper()).stdout
    assert re.search(rf"\b{key_id}\b", listed) and "ol1:" not in listed
    elsewhere = run_cli(mx_server, "secureline", "key", "list", "--address", f"x{kim}").stdout
    assert not re.search(rf"\b{key_id}\b", elsewhere)
    args = ("secureline", "key", "add", str(key_file), "--kind", "pgp", "--address", kim)
    again = run_cli(mx_server, *args, check=False)
    assert again.returncode != 0 and "already registered" in again.stdout + again.stderr


def test_escrow_and_portal_addresses_are_sealed_and_the_portal_still_finds_them(
    mx_server: RunningServer, mail_world: MailWorld
) -> None:
    local = f"lou-{uuid.uuid4().hex[:8]}"
    lou, sink = f"{local}@plain.test", mail_world.sinks["plain"]
    with mx_server.account_api() as account:
        made = account.create_or_update_secure_send_user(namespace_id="clinic", ss_user=lou.upper(), password=PASSWORD)
        assert made["email"] == lou
        assert local not in _raw(mx_server, "securesend_user")
        with mx_server.user_api() as api:
            api.send_email(
                messages=[{"to": [lou], "subject": "Results", "text": "Everything is fine.", "tls_policy": "required"}]
            )
        notice = _mail_for(sink, lou, "Secure message from")
        link = LINK.search(notice.data.decode()).group(0)

        # Escrowed: sender and recipient sealed, the recipient's blind index filled.
        rows = fetch_all(mx_server.database_url, "SELECT sender, recipient, recipient_index FROM escrow_message")
        assert local not in repr(rows) and mx_server.credentials["user"] not in repr(rows)
        [mine] = [r for r in rows if r["recipient_index"] == address_index(lou, server_box(mx_server))]
        assert mine["sender"].startswith("ol1:") and mine["recipient"].startswith("ol1:")

        with httpx.Client(timeout=30) as browser:
            # The password login on the pickup page looks the portal user up by its index, in any case.
            assert (
                browser.post(f"{link}/login", data={"email": lou.upper(), "password": "Wrong-Pass-000"}).status_code
                == 401
            )
            good = browser.post(f"{link}/login", data={"email": lou.upper(), "password": PASSWORD})
            assert good.status_code == 303 and good.headers["location"].endswith("/message")
            page = browser.get(f"{link}/message")
            assert page.status_code == 200 and "Everything is fine." in page.text

        # The portal (through an SSO link) lists the recipient's escrowed message by the recipient's index.
        sso = account.get_secure_send_user_single_sign_on_link(namespace_id="clinic", ss_user=lou)
        with httpx.Client(timeout=30, follow_redirects=True) as portal_browser:
            portal = portal_browser.get(sso["url"])
            assert portal.status_code == 200 and lou in portal.text
            assert len(re.findall(r'/securesend/portal/message/(\d+)"', portal.text)) == 1

        listed = account.get_secure_send_user_list(namespace_id="clinic")
        assert lou in [u["email"] for u in listed] and not [u for u in listed if u["email"].startswith("ol1:")]
        again = account.create_or_update_secure_send_user(namespace_id="clinic", ss_user=lou, name="Lou")
        assert again["status"] == "updated"  # the same login: found by its index, not a second row
