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
