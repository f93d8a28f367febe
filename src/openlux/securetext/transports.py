"""SMS transports behind one narrow interface: `await transport.send(to, text) -> provider id`.

- capture: keeps the text (state `captured`), sends nothing — the developer case, like mail's capture mode.
- http: a generic SMS gateway: JSON `POST {"to", "from", "text"}` with a bearer token; any 2xx answer is
  sent (its `id`/`sid`/`message_id` is kept), 4xx is final, 5xx and network errors are retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from openlux.config import Settings


class SmsFailed(Exception):
    """The gateway refused the text; `final` when retrying cannot help."""

    def __init__(self, message: str, *, final: bool) -> None:
        super().__init__(message)
        self.final = final


class SmsTransport(Protocol):
    """Hands one text to a provider; returns the provider's id (empty for capture)."""

    captures: bool

    async def send(self, to: str, text: str) -> str: ...


@dataclass
class CaptureSms:
    """Nothing leaves; the queue row itself is the record (state `captured`)."""

    captures: bool = True

    async def send(self, to: str, text: str) -> str:
        return ""


@dataclass
class HttpGatewaySms:
    """A JSON SMS gateway (POST to `url` with `Authorization: Bearer <token>`)."""

    url: str
    token: str
    sender: str
    timeout: float = 10.0
    captures: bool = False

    async def send(self, to: str, text: str) -> str:
        import httpx  # here, not at the top: only an HTTP gateway needs it (worker processes stay smaller)

        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            async with httpx.AsyncClient(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
                answer = await client.post(
                    self.url, json={"to": to, "from": self.sender, "text": text}, headers=headers
                )
        except httpx.HTTPError as exc:
            raise SmsFailed(f"SMS gateway unreachable: {type(exc).__name__}", final=False) from None
        if answer.status_code >= 500:
            raise SmsFailed(f"SMS gateway answered {answer.status_code}", final=False)
        if answer.status_code >= 300:
            raise SmsFailed(f"SMS gateway refused the text ({answer.status_code}): {answer.text[:200]}", final=True)
        try:
            body = answer.json()
        except ValueError:
            return ""
        if isinstance(body, dict):
            for key in ("id", "sid", "message_id"):
                if body.get(key):
                    return str(body[key])[:200]
        return ""


def make_sms_transport(settings: Settings) -> SmsTransport:
    """The transport the settings choose (sms_transport: capture | http)."""
    if settings.sms_transport == "http":
        if not settings.sms_gateway_url:
            raise ValueError("sms_transport=http needs sms_gateway_url (OPENLUX_SMS_GATEWAY_URL)")
        return HttpGatewaySms(settings.sms_gateway_url, settings.sms_gateway_token or "", settings.sms_sender)
    return CaptureSms()
