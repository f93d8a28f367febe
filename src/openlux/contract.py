"""The LuxSci endpoint table (a copy of spec/endpoints.tsv shipped inside the package).

One file decides every path: the server registers routes from it and the SDK builds its
methods from it, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

API_PREFIX = "/perl/api/v2"
_PATH_PARAM = re.compile(r"\{([^}]+)\}")
# GET endpoints that mint a login (a link that opens a session): they need write access, since a
# read-only integration must not hand out access to mail (issue 9 item 9).
MINTS_ACCESS = frozenset({"getUserSingleSignOnLoginURL", "getSecureSendUserSingleSignOnLink"})


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One row of the endpoint table."""

    name: str
    area: str
    scope: str  # "user", "account" or "none"
    method: str
    path: str
    status: str
    summary: str

    @property
    def path_params(self) -> tuple[str, ...]:
        """Names of the `{…}` parameters in the path, in order."""
        return tuple(_PATH_PARAM.findall(self.path))

    @property
    def writes(self) -> bool:
        """True when the call changes state or mints a login (access controls grant read or write)."""
        return self.method != "GET" or self.name in MINTS_ACCESS

    @property
    def python_name(self) -> str:
        """snake_case form of the endpoint name (`getUserReport2` → `get_user_report2`)."""
        return snake_case(self.name)


def snake_case(name: str) -> str:
    """Convert a LuxSci camelCase operation name to snake_case."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return name.lower()


@cache
def endpoints() -> dict[str, Endpoint]:
    """All endpoints of the table, by operation name."""
    text = resources.files("openlux").joinpath("endpoints.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {row["name"]: Endpoint(**row) for row in rows}


def endpoint(name: str) -> Endpoint:
    """The table row for one operation name; KeyError names the unknown endpoint."""
    return endpoints()[name]


# LuxSci limits an integration per WebAide type: the `webaides` area splits into one area a type.
# A grant on `webaides` itself still covers every type that has no grant of its own.
WEBAIDE_TYPES = ("calendars", "tasks", "addressbooks", "notes", "links")
WEBAIDE_AREAS = tuple(f"webaides_{kind}" for kind in WEBAIDE_TYPES)


@cache
def areas() -> tuple[str, ...]:
    """Every area of access controls: the table's areas, and one per WebAide type."""
    return tuple(sorted({e.area for e in endpoints().values() if e.scope != "none"} | set(WEBAIDE_AREAS)))


def access_area(endpoint: Endpoint, path_params: Mapping[str, Any]) -> str:
    """The access-control area of a call: the endpoint's, or for WebAides `webaides_<type>`."""
    if endpoint.area != "webaides":
        return endpoint.area
    kind = "calendars" if endpoint.name == "getCalendarEntriesDateRange" else str(path_params.get("webaide_type", ""))
    return f"webaides_{kind}" if kind in WEBAIDE_TYPES else endpoint.area
