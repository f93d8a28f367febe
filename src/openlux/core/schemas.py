"""Base classes for wire shapes: lenient on input, exact on output (STYLE.md §4)."""

from __future__ import annotations

import types
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator


def expects_mapping(annotation: Any) -> bool:
    """True when a field annotation accepts an object: a dict, a Mapping or a model (Optional included)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return expects_mapping(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(expects_mapping(arg) for arg in get_args(annotation) if arg is not type(None))
    target = origin or annotation
    if isinstance(target, type):
        return issubclass(target, (dict, Mapping, BaseModel))
    return False


class LenientModel(BaseModel):
    """Request bodies: unknown keys ignored, numbers as strings accepted, `null` means not given.

    PHP's `json_encode` writes an empty associative array as `[]`; wherever an object is expected
    (at any depth: nested models are LenientModels too) `[]` is read as `{}`.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _php_empty_maps(cls, data: Any) -> Any:
        if isinstance(data, list) and not data:
            return {}
        if not isinstance(data, dict):
            return data
        keys = [k for k in mapping_keys(cls) if isinstance(data.get(k), list) and not data[k]]
        return {**data, **{k: {} for k in keys}} if keys else data

    def given(self) -> dict[str, Any]:
        """The fields the client actually set to a value (nulls dropped)."""
        return self.model_dump(exclude_none=True, exclude_unset=True)


@cache
def mapping_keys(model: type[BaseModel]) -> frozenset[str]:
    """Wire names (field names and aliases) of the model's object-typed fields."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        if expects_mapping(info.annotation):
            keys.update(k for k in (name, info.alias, info.validation_alias) if isinstance(k, str))
    return frozenset(keys)
