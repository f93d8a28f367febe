"""The errors a service may raise; each leaves the API as the LuxSci failure envelope.

ApiError                 500  (never raised on purpose)
├── BadRequest           400  malformed input; the message names the field
│   └── LimitExceeded    400  a documented per-call limit (messages per call, recipients …)
├── AuthFailed           401  missing/bad signature, unknown/expired/revoked auth code
├── Forbidden            403  scope, access control, disabled integration, IP, host
├── NotFound             404
├── MethodNotAllowed     405
├── Conflict             409  already exists, still in use
├── PayloadTooLarge      413
└── RateLimited          429  carries retry_after (seconds)
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every error that is answered with `{"success": 0, "error": …}`."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(ApiError):
    status = 400


class LimitExceeded(BadRequest):
    status = 400


class AuthFailed(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class MethodNotAllowed(ApiError):
    status = 405


class Conflict(ApiError):
    status = 409


class PayloadTooLarge(ApiError):
    status = 413


class RateLimited(ApiError):
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))
