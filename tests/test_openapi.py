"""Issue 9 item 5: the served OpenAPI document is valid, its refs resolve, and it documents the envelopes."""

from __future__ import annotations

import json
import re

import httpx
from openapi_spec_validator import validate

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
