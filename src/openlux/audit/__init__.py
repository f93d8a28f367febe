"""The audit log: who did what to which target, from where, with what outcome (append-only)."""
