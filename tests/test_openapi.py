"""Issue 9 item 5: the served OpenAPI document is valid, its refs resolve, and it documents the envelopes."""

from __future__ import annotations

import gc
import json
import re
import tracemalloc
from pathlib import Path

import httpx
from fastapi.routing import APIRoute
from openapi_spec_validator import validate

from openlux.app import ROUTES, create_app
from openlux.config import Settings
from openlux.core.routing import request_body_schema
from tests.support.server import RunningServer

ERRORS = {"400", "401", "403", "404", "409", "413", "429"}


def served_document(server: RunningServer) -> dict:
    response = httpx.get(f"{server.base_url}/perl/api/v2/openapi.json", timeout=30)
    assert response.status_code == 200
    return response.json()


def test_served_document_is_valid_openapi(server: RunningServer) -> None:
    validate(served_document(server))  # raises OpenAPIValidationError naming the first problem


def test_every_reference_resolves(server: RunningServer) -> None:
    doc = served_document(server)
    refs = set(re.findall(r'"\$ref": "([^"]+)"', json.dumps(doc)))
    assert refs, "the document uses no references at all?"
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in doc["components"]["schemas"], ref


def test_every_operation_declares_its_path_parameters_and_envelopes(server: RunningServer) -> None:
    doc = served_document(server)
    operations = [(path, method, op) for path, ops in doc["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 190
    for path, method, op in operations:
        declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"\{([^}]+)\}", path)), (method, path)
        assert "422" not in op["responses"], (method, path)
        assert set(op["responses"]) >= ERRORS, (method, path)
        success = [s for s in op["responses"] if s.startswith("2")]
        assert success, (method, path)
        for status in success:
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/SuccessEnvelope"}, (method, path)
    envelope = doc["components"]["schemas"]["ErrorEnvelope"]
    assert envelope["properties"]["success"]["enum"] == [0] and "error" in envelope["required"]


async def test_serving_the_document_keeps_its_bytes_not_the_document(tmp_path: Path) -> None:
    # The built document was kept as Python objects for the life of an API process once anything (a
    # readiness probe) had fetched it: 2.6 MB more than its JSON (0.6 MB), which is all that stays now.
    app = create_app(Settings.load(data_dir=tmp_path / "data"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://openlux.test") as client:
        await client.get("/no-such-page")  # the app's first request builds its middleware stack
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            first = await client.get("/perl/api/v2/openapi.json")
            del first
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        second = await client.get("/perl/api/v2/openapi.json")
    assert second.status_code == 200 and second.headers["content-type"] == "application/json"
    assert json.loads(second.content) == app.openapi()
    assert kept < 1_500_000, f"{kept / 1e6:.1f} MB kept after serving the document once"


def test_operations_taking_a_json_body_document_it(server: RunningServer) -> None:
    # Bodies are parsed by hand after authentication, so FastAPI cannot see them; the document gets
    # each body's schema when it is built (openlux.core.openapi).
    doc = served_document(server)
    taking = {
        route.name
        for route in ROUTES
        if isinstance(route, APIRoute) and request_body_schema(route.endpoint) is not None
    }
    assert len(taking) >= 40
    bodies = {
        op["operationId"]: op["requestBody"]["content"]["application/json"]["schema"]
        for ops in doc["paths"].values()
        for op in ops.values()
        if "requestBody" in op
    }
    assert set(bodies) == taking
    assert "aliases" in bodies["createAlias"]["properties"]
