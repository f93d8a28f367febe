"""Request bodies of templates, template groups, content tags, custom fields and the library.

Every field is optional here (LenientModel); the services say which are required, naming them.
Response records are built by each service's `record()` (field names in docs/compat.d/content.md).
"""

from __future__ import annotations

from typing import Any

from openlux.core.schemas import LenientModel
from openlux.core.types import Flag, LuxIdOrNone, Name, Text


class TemplateCreate(LenientModel):
    """createEmailTemplate body."""

    name: Name | None = None
    description: Text | None = None
    subject: Text | None = None
    html: Text | None = None
    text: Text | None = None
    group_id: LuxIdOrNone | None = None  # "" or 0: no group
    shared: Flag | None = None


class TemplateUpdate(TemplateCreate):
    """updateEmailTemplate body: only the fields given change."""


class TemplateGroupCreate(LenientModel):
    """createEmailTemplateGroup / updateEmailTemplateGroup body."""

    name: Name | None = None


class ContentTagCreate(LenientModel):
    """createEmailContentTag body."""

    name: Name | None = None
    description: Text | None = None
    html: Text | None = None
    text: Text | None = None
    shared: Flag | None = None


class ContentTagUpdate(ContentTagCreate):
    """updateEmailContentTag body: only the fields given change (a rename is allowed)."""


class CustomFieldCreate(LenientModel):
    """createCustomField body."""

    name: Name | None = None
    type: str | None = None
    description: Text | None = None
    choices: list[str] | str | None = None  # a list, or one comma-separated string
    default: Any = None


class LibraryUpload(LenientModel):
    """The `json` part of uploadContentLibraryFile."""

    overwrite: Flag | None = None
    attachments: list[dict[str, Any]] | None = None  # [{"name", "hash"}] as every LuxSci upload carries
