"""Helpers of the marketing tests: unique names, failures with their envelope, a list with custom fields."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from openlux.client import Client, LuxSciError


def unique(prefix: str) -> str:
    """A name no other test of the session uses (the server is shared)."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def failure(call: Any, *args: Any, **kwargs: Any) -> LuxSciError:
    """The LuxSciError a call raises, after checking the failure envelope."""
    with pytest.raises(LuxSciError) as info:
        call(*args, **kwargs)
    assert info.value.body["success"] == 0 and info.value.body["error"]
    return info.value


def list_with_fields(api: Client) -> tuple[dict[str, Any], dict[str, str]]:
    """A new list carrying three new custom fields (text, number, date); the list and the field names."""
    names = {"first": unique("first"), "age": unique("age"), "born": unique("born")}
    api.create_custom_field(name=names["first"], type="text", default="there")
    api.create_custom_field(name=names["age"], type="number")
    api.create_custom_field(name=names["born"], type="date")
    made = api.add_list(name=unique("List"), from_name="Clinic", from_address=api.user,
                        fields=list(names.values()))
    return made, names


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """On a failed marketing test, show the end of the server log (a 500 is explained there)."""
    report = yield
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and server is not None:
        report.sections.append(("openlux serve log", server.log_tail(3000)))
    return report
