"""Access controls, scope and OpenAPI coverage of the content endpoints."""

from __future__ import annotations

import httpx

from openlux.client import Client
from openlux.contract import endpoints
from tests.support.cli import create_integration
from tests.support.failures import assert_fails
from tests.support.server import RunningServer

AREAS = ("templates", "content_tags", "custom_fields", "content_library")


def test_access_controls_per_area(server: RunningServer) -> None:
    issued = create_integration(
        server,
        "content-limited",
        "--scope",
        "user",
        "--access",
        "templates=read,content_tags=write,custom_fields=none,content_library=none",
    )
    creds = server.credentials
    with Client(
        server.base_url, issued["token"], issued["secret"], user=creds["user"], password=creds["password"]
    ) as api:
        assert isinstance(api.get_email_template_list(), list)
        error = assert_fails(None, api.create_email_template, name="x")
        assert error.status == 403 and "no write access to 'templates'" in error.message
        assert_fails(403, api.get_custom_fields)
        assert_fails(403, api.get_content_library_directory, directory="/")
        tag = api.create_email_content_tag(name="Limited-Access-Tag", text="ok")
        assert api.delete_email_content_tag(tag_id=tag["tag_id"])["deleted"] == 1


def test_account_scope_acts_for_its_users(account_api: Client, server: RunningServer) -> None:
    login = server.credentials["user"]
    template = account_api.create_email_template(username=login, name="made by the account admin")
    assert template["owner"] == login
    assert account_api.delete_email_template(username=login, template_id=template["template_id"])["deleted"] == 1


def test_every_content_endpoint_is_in_openapi_and_the_public_route_is_not(server: RunningServer) -> None:
    spec = httpx.get(f"{server.base_url}/perl/api/v2/openapi.json", timeout=30).json()
    operations = {op["operationId"]: path for path, item in spec["paths"].items() for op in item.values()}
    wanted = {name for name, ep in endpoints().items() if ep.area in AREAS}
    assert len(wanted) == 22 and wanted <= set(operations)
    assert not any(path.startswith("/content/files") for path in spec["paths"])
