"""E-mail address and domain name checks shared by every area."""

from __future__ import annotations

import re

from openlux.core.errors import BadRequest

# RFC 5321 §4.5.3.1: local part ≤ 64 octets, domain ≤ 255, whole path ≤ 256.
_LOCAL_MAX, _DOMAIN_MAX, _ADDRESS_MAX = 64, 255, 254
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def normalise_domain(value: str | None, *, field: str = "domain") -> str:
    """A lower-case, syntactically valid domain name; BadRequest names the field."""
    domain = (value or "").strip().rstrip(".").lower()
    if not domain:
        raise BadRequest(f"Field '{field}' is required.")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadRequest(f"Field '{field}': {value!r} is not a valid domain name.") from None
    labels = ascii_domain.split(".")
    if len(ascii_domain) > _DOMAIN_MAX or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise BadRequest(f"Field '{field}': {value!r} is not a valid domain name.")
    return ascii_domain


def normalise_address(value: str | None, *, field: str = "address") -> str:
    """A lower-case `local@domain` address; BadRequest names the field."""
    address = (value or "").strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1].strip()
    local, sep, domain = address.rpartition("@")
    if not sep or not local:
        raise BadRequest(f"Field '{field}': {value!r} is not a valid e-mail address.")
    if len(local) > _LOCAL_MAX or not _LOCAL.match(local) or local.startswith(".") or ".." in local:
        raise BadRequest(f"Field '{field}': {value!r} is not a valid e-mail address.")
    normalised = f"{local.lower()}@{normalise_domain(domain, field=field)}"
    if len(normalised) > _ADDRESS_MAX:
        raise BadRequest(f"Field '{field}': {value!r} is longer than {_ADDRESS_MAX} characters.")
    return normalised


def is_valid_address(value: str) -> bool:
    """True when normalise_address accepts the value."""
    try:
        normalise_address(value)
    except BadRequest:
        return False
    return True


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")  # ITU-T E.164: + country code and subscriber, at most 15 digits


def normalise_phone(value: str, *, field: str) -> str:
    """An E.164 number (spaces, dashes, dots and brackets dropped, 00 → +); BadRequest names the field."""
    cleaned = re.sub(r"[\s\-.()]", "", str(value or ""))
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    if not _E164.match(cleaned):
        raise BadRequest(f"Field '{field}': {value!r} is not a phone number in international form (+15551234567).")
    return cleaned
