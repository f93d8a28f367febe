"""The server starts on both backends and answers a signed call through the SDK."""

from openlux.client import Client


def test_get_user_through_sdk_returns_admin_profile(user_api: Client, server) -> None:
    profile = user_api.get_user()
    assert profile["user"] == server.credentials["user"]
    assert profile["status"] == "enabled"
