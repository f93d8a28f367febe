"""A signed-in console user's forms are authenticated requests for the body limit: a form over the
unauthenticated limit (a long PGP key, say) reaches its page; the same form without a live console
session is cut at the unauthenticated limit (413) before it is read."""

from __future__ import annotations

import re

from tests.support.console import admin_browser
from tests.support.server import RunningServer

UNAUTHENTICATED_LIMIT = 64 * 1024


def key_form(browser_csrf: str) -> dict[str, str]:
    # Not a valid key: the page answers 400 naming it, which proves the body was read and handled.
    return {"csrf": browser_csrf, "kind": "pgp", "address": "pat@example.org", "key": "x" * (3 * UNAUTHENTICATED_LIMIT)}


def test_a_console_session_posts_forms_over_the_unauthenticated_limit(server: RunningServer) -> None:
    browser = admin_browser(server)
    try:
        page = browser.get("/console/admin/keys")
        assert page.status_code == 200
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        reply = browser.post("/console/admin/keys", data=key_form(csrf.group(1)))
        assert reply.status_code == 400, reply.text[:300]
        assert "key" in reply.text.lower()

        browser.cookies.clear()  # no session: the same form is refused before it is read
        refused = browser.post("/console/admin/keys", data=key_form(csrf.group(1)))
        assert refused.status_code == 413
    finally:
        browser.close()


def test_a_file_part_posted_to_a_console_form_never_touches_the_disk_in_clear(
    server: RunningServer, spilled_to_disk: list[int]
) -> None:
    # No console form takes files, but a signed-in session may post multipart to any of them: the form is
    # parsed (its CSRF token is a field of it) before anything is refused, and a part over 1 MB went to an
    # unencrypted temporary file when Starlette parsed it.
    browser = admin_browser(server)
    try:
        page = browser.get("/console/admin/keys")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        reply = browser.post(
            "/console/admin/keys",
            data={"csrf": csrf.group(1), "kind": "pgp", "address": "pat@example.org", "key": "not a key"},
            files={"key_file": ("key.asc", b"k" * (2 * 1024 * 1024), "application/pgp-keys")},
        )
        assert reply.status_code == 400, reply.text[:300]  # the form was read: the key field is refused
        assert spilled_to_disk == []
    finally:
        browser.close()
