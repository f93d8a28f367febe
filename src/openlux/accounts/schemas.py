"""Wire shapes of users, settings, app-specific passwords and domains (spec 10-user, 50-account)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from openlux.core.schemas import LenientModel
from openlux.core.types import Count, Flag, LuxDate

USER_STATUSES = ("enabled", "disabled")
# Services a user may hold; `smtp` is LuxSci's "SMTP permission" that sendEmail requires.
SERVICES = ("email", "webmail", "smtp", "imap", "pop", "secureline", "securetext", "api", "marketing", "webaides")
DEFAULT_SERVICES = ["email", "webmail", "smtp", "imap", "pop", "secureline", "api", "marketing", "webaides"]
APP_PASSWORD_SERVICES = ("smtp", "imap", "pop", "webmail", "api", "sftp", "webdav", "caldav")

# getUserSettings: every key and its default (decisions in docs/compat.md).
DEFAULT_USER_SETTINGS: dict[str, Any] = {
    "timezone": "UTC",
    "language": "en",
    "date_format": "YYYY-MM-DD",
    "time_format": "24h",
    "force_ssl": 1,
    "tls_policy": "opportunistic",  # opportunistic | required | no_tls (SecureLine default per message)
    "hourly_send_limit": 10000,
    "allow_no_encryption": 0,
    "password_expiration": 0,  # days; 0 = never
    "escrow_expiration": 30,  # days a SecureLine escrowed message stays readable
}


class ContactFields(LenientModel):
    """The editable contact fields of the user record."""

    contact: str | None = Field(None, max_length=200)
    company: str | None = Field(None, max_length=200)
    email1: str | None = Field(None, max_length=320)
    email2: str | None = Field(None, max_length=320)
    phone1: str | None = Field(None, max_length=50)
    phone2: str | None = Field(None, max_length=50)
    fax: str | None = Field(None, max_length=50)
    sms: str | None = Field(None, max_length=50)
    street1: str | None = Field(None, max_length=200)
    street2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    state: str | None = Field(None, max_length=100)
    zip: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=100)
    custom1: str | None = Field(None, max_length=500)
    custom2: str | None = Field(None, max_length=500)
    custom3: str | None = Field(None, max_length=500)


class UserUpdate(ContactFields):
    """updateUser body."""


class UserSettingsUpdate(ContactFields):
    """updateUserSettings body (account scope): contact fields, admin fields and settings."""

    password: str | None = None
    status: str | None = None
    services: list[str] | None = None
    flags: list[str] | None = None
    disk_quota: float | None = None
    timezone: str | None = None
    language: str | None = None
    date_format: str | None = None
    time_format: str | None = None
    force_ssl: Flag | None = None
    tls_policy: str | None = None
    hourly_send_limit: Count = None
    allow_no_encryption: Flag | None = None
    password_expiration: Count = None
    escrow_expiration: Count = None


class UserCreate(UserSettingsUpdate):
    """createUser body."""

    user: str | None = None


class UserRename(LenientModel):
    """renameUser body."""

    new_user: str | None = None


class PasswordChange(LenientModel):
    """changeUserPassword body."""

    password: str | None = None
    old_password: str | None = None


class AppPasswordCreate(LenientModel):
    """createAppSpecificPassword body."""

    label: str | None = Field(None, max_length=200)
    services: list[str] | None = None
    expires: LuxDate = None
    web_site_management: Flag | None = None
    password: str | None = None


class DomainCreate(LenientModel):
    """createDomain body."""

    domain: str | None = None
    is_enabled: Flag | None = None
    is_hipaa: Flag | None = None
    settings: dict[str, Any] | None = None


class DomainUpdate(LenientModel):
    """updateDomain body."""

    is_enabled: Flag | None = None
    is_verified: Flag | None = None
    is_hipaa: Flag | None = None
    settings: dict[str, Any] | None = None
