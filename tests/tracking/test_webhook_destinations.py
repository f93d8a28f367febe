"""Webhook destinations go through the shared outbound guard (core/netguard.py): loopback spellings are
refused although a loopback receiver listens on the port, and a receiver's redirect is not followed."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from tests.support import pki
from tests.tracking.conftest import HOOK_ADDRESS, World, start_receiver


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.1", "127.0.0.1", "2130706433", "[::ffff:127.0.0.1]", "[::1]", "0x7f.1"],
)
def test_loopback_webhook_urls_are_refused_even_with_a_receiver_listening(world: World, host: str) -> None:
    port = world.receiver.server.server_address[1]  # a live HTTPS receiver answers on 127.0.0.2:port
    before = len(world.receiver.posts)
    refused = world.cli("webhook", "add", f"https://{host}:{port}/hooks/openlux")
    assert refused.returncode != 0 and "not allowed" in refused.stdout + refused.stderr, refused.stdout
    listed = json.loads(world.cli("webhook", "list", "--json").stdout)
    assert not [e for e in listed if f":{port}/" in e["url"] and HOOK_ADDRESS not in e["url"]]
    # Events of earlier tests may still reach the receiver at its own address; none may come
    # through the refused name.
    assert not [h for h, _ in world.receiver.posts[before:] if h.get("host") == f"{host}:{port}"]


def test_a_receivers_redirect_is_not_followed(world: World, tmp_path: Path) -> None:
    cert, key = pki.issue(tmp_path, ["bouncer.test"])
    bouncer = start_receiver(cert, key, redirect_to=world.receiver.url)  # allowed address, redirects onward
    added = world.cli("webhook", "add", bouncer.url, "--event", "complained", "--json")
    assert added.returncode == 0, added.stderr
    endpoint = json.loads(added.stdout)
    try:
        before = len(world.receiver.posts)
        tested = world.cli("webhook", "test", str(endpoint["id"]))
        assert tested.returncode != 0 and "HTTP 302" in tested.stdout + tested.stderr
        assert len(bouncer.posts) == 1 and bouncer.posts[0][0]["host"] == urllib.parse.urlsplit(bouncer.url).netloc
        assert len(world.receiver.posts) == before  # the redirect target was never contacted
    finally:
        world.cli("webhook", "remove", str(endpoint["id"]))
        bouncer.server.shutdown()
