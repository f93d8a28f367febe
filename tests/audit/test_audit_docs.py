"""docs/operations.md names every action the audit log can hold (the closed set AuditAction)."""

from __future__ import annotations

from pathlib import Path

from openlux.audit.schemas import AuditAction

OPERATIONS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def test_every_audit_action_is_documented() -> None:
    section = OPERATIONS.read_text(encoding="utf-8").split("## Audit log", 1)[1].split("\n## ", 1)[0]
    missing = [action.value for action in AuditAction if f"`{action.value}`" not in section]
    assert not missing, f"docs/operations.md 'Audit log' does not describe: {missing}"
