"""Issue 9 item 5: schemathesis against the served OpenAPI document, every operation, signed like LuxSci clients.

The operations (every one of the document but LEFT_OUT) are dealt into SHARDS slices, one per module
test_fuzz_shard_<n>.py, so that the fuzzing of one backend (a minute or more) is several work units that
pytest-xdist's workers share instead of one long tail; together the shards fuzz every operation once
per backend, against a server of their own (tests/fuzz/conftest.py).

Each operation gets FUZZ_EXAMPLES generated requests (fixed seed: hypothesis derandomised), signed
with a dedicated, unlimited user-scope or account-scope integration (re-authenticating on 401), the
path's {username}/{account} filled with the real ones. A request fails the test when the answer is
a 5xx, is not JSON, or does not match the documented envelope/status codes. Self-destructive
operations (they would end the fuzzing identities) are left out.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks as schemathesis_checks

from openlux.auth.signing import sign_auth, sign_request
from tests.support.cli import run_cli
from tests.support.server import RunningServer, served

FUZZ_EXAMPLES = int(
    os.environ.get("OPENLUX_FUZZ_EXAMPLES", "4")
)  # per operation: ~200 operations x 4 keeps one backend near a minute
LEFT_OUT = {
    "authentication",  # unsigned by definition; tests/auth covers it
    "revokeAuthentication",
    "changeUserPassword",
    "deleteUser",
    "renameUser",  # would end the fuzzing identities
    "updateUser",  # can disable the admin user the user-scope integration signs in as
}
SHARDS = 4  # modules tests/fuzz/test_fuzz_shard_0.py … _3.py, one each
CHECKS = [
    schemathesis_checks.not_a_server_error,
    schemathesis_checks.status_code_conformance,
    schemathesis_checks.content_type_conformance,
    schemathesis_checks.response_schema_conformance,
]


@contextmanager
def fuzz_server_on(backend: str) -> Iterator[RunningServer]:
    """A server of its own (fuzzing writes junk), with two unlimited integrations made for the fuzzer."""
    with served(backend) as world:
        running = world.server
        for scope in ("user", "account"):  # unlimited: the fuzzer is fast
            made = run_cli(
                running,
                "integration",
                "create",
                f"fuzz-{scope}",
                "--scope",
                scope,
                "--per-minute",
                "0",
                "--per-day",
                "0",
            )
            running.extra[scope] = json.loads(made.stdout)
        yield running


class Signer(requests.auth.AuthBase):
    """Signs each request like the LuxSci clients; authenticates (again) when the code is missing or stale."""

    def __init__(self, base_url: str, token: str, secret: str, user: str | None, password: str | None) -> None:
        self.base_url, self.token, self.secret, self.user, self.password = base_url, token, secret, user, password
        self.code: str | None = None

    def authenticate(self) -> str:
        now = int(time.time())
        body: dict[str, Any] = {"token": self.token, "date": now}
        if self.user is None:
            body["signature"] = sign_auth(self.secret, self.token, str(now))
        else:
            body.update(
                user=self.user, signature=sign_auth(self.secret, self.token, str(now), self.user, self.password)
            )
            body["pass"] = self.password
        reply = requests.post(f"{self.base_url}/perl/api/v2/auth", json=body, timeout=30)
        assert reply.status_code == 201, reply.text
        self.code = reply.json()["auth"]
        return self.code

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        code = self.code or self.authenticate()
        url = urlsplit(request.url)
        body = request.body or b""
        body = body.encode() if isinstance(body, str) else body
        mac = sign_request(self.secret, code, request.method, url.path, url.query, body)
        request.headers["Cookie"] = f"signature={code}:{mac}"
        return request


def fuzz_operation(
    operation: Any,
    session: requests.Session,
    signer: Signer,
    base_url: str,
    path_parameters: dict[str, Any],
    statuses: list[int],
) -> None:
    """Run FUZZ_EXAMPLES cases of one operation; AssertionError (from schemathesis) on the first failure."""

    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(path_parameters=path_parameters))
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, session=session, timeout=60)
        if response.status_code == 401 and "expired" in response.text:
            signer.authenticate()
            response = case.call(base_url=base_url, session=session, timeout=60)
        statuses.append(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()


def fuzz_shard(fuzz_server: RunningServer, shard: int) -> None:
    """Fuzz slice `shard` of the operations (every SHARDS-th, in the document's order) against `fuzz_server`."""
    raw = requests.get(f"{fuzz_server.base_url}/perl/api/v2/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(raw)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.definition.raw.get("operationId") not in LEFT_OUT]
    assert len(operations) >= 180  # every shard sees the whole document; slices partition it
    names = [op.definition.raw.get("operationId") for op in operations]
    assert len(set(names)) == len(names), "operationIds name one operation each"
    modules = sorted(path.name for path in Path(__file__).parent.glob("test_fuzz_shard_*.py"))
    assert modules == [f"test_fuzz_shard_{n}.py" for n in range(SHARDS)], "one module per shard, no slice left out"
    creds = fuzz_server.credentials
    signers = {
        "user": Signer(
            fuzz_server.base_url,
            fuzz_server.extra["user"]["token"],
            fuzz_server.extra["user"]["secret"],
            creds["user"],
            creds["password"],
        ),
        "account": Signer(
            fuzz_server.base_url,
            fuzz_server.extra["account"]["token"],
            fuzz_server.extra["account"]["secret"],
            None,
            None,
        ),
    }
    failures: list[str] = []
    fuzzed = 0
    answered: dict[str, list[int]] = {}
    for operation in operations[shard::SHARDS]:
        name = operation.definition.raw.get("operationId")
        scope = "account" if "/account/{account}" in operation.path else "user"
        session = requests.Session()
        session.auth = signers[scope]
        fixed = {"username": creds["user"], "account": str(creds["account"])}
        fixed = {k: v for k, v in fixed.items() if "{" + k + "}" in operation.path}
        if scope == "account":
            fixed.pop("username", None)  # account paths name a target user: let the fuzzer choose it
        try:
            fuzz_operation(
                operation, session, signers[scope], fuzz_server.base_url, fixed, answered.setdefault(name, [])
            )
        except Exception as exc:  # noqa: BLE001 - collect every failing operation, not only the first
            failures.append(f"{name} {operation.method.upper()} {operation.path}: {str(exc)[:600]}")
        fuzzed += 1
    assert fuzzed == len(operations[shard::SHARDS])
    # The signing works: most operations were reached past authentication (no 401/403 everywhere).
    reached = [name for name, codes in answered.items() if any(code not in (401, 403) for code in codes)]
    assert len(reached) >= 0.9 * fuzzed, sorted(set(answered) - set(reached))
    succeeded = [name for name, codes in answered.items() if any(200 <= code < 300 for code in codes)]
    print(
        f"shard {shard}/{SHARDS}: fuzzed {fuzzed} operations; {len(reached)} past authentication, {len(succeeded)} with a 2xx"
    )
    assert fuzz_server.is_running(), fuzz_server.log_tail()
    assert not failures, f"{len(failures)} operations failed:\n" + "\n\n".join(failures)
