"""Base classes for wire shapes: lenient on input, exact on output (STYLE.md §4)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class LenientModel(BaseModel):
    """Request bodies: unknown keys ignored, numbers as strings accepted, `null` means not given."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, coerce_numbers_to_str=True)

    def given(self) -> dict[str, Any]:
        """The fields the client actually set to a value (nulls dropped)."""
        return self.model_dump(exclude_none=True, exclude_unset=True)
