"""The closed sets of the audit log and the record shown to administrators (CLI JSON, console)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class ActorKind(StrEnum):
    """Who acted."""

    USER = "user"  # a person signed in with a password or SSO (console, SMTP, user-scope API auth)
    INTEGRATION = "integration"  # an API integration (on behalf of a user for user scope)
    PORTAL_USER = "portal_user"  # a SecureSend portal user or a pickup-code recipient
    OPERATOR = "operator"  # the `openlux` CLI on the server
    SYSTEM = "system"  # a background role applying the operator's policy (the retention purge)
    ANONYMOUS = "anonymous"  # not identified (a failed login names the login it tried)


class Outcome(StrEnum):
    """How it ended."""

    SUCCESS = "success"
    FAILURE = "failure"  # wrong password, invalid link …
    LOCKED = "locked"  # refused by the login throttle before any check


class AuditAction(StrEnum):
    """What was done. Details name the channel or the changed fields."""

    LOGIN = "login"  # details.channel: LoginChannel
    LOGOUT = "logout"  # details.channel: api (revokeAuthentication) | console (the sign-out button)
    SSO_REDEEM = "sso.redeem"  # details.portal: a SecureSend portal link, else a console link
    MESSAGE_READ = "message.read"  # details.channel: console | portal | pickup; details.part
    INTEGRATION_CREATE = "integration.create"
    INTEGRATION_CHANGE = "integration.change"
    DKIM_KEY_CREATE = "dkim_key.create"
    DKIM_KEY_DELETE = "dkim_key.delete"
    APP_PASSWORD_CREATE = "app_password.create"
    APP_PASSWORD_DELETE = "app_password.delete"
    DOMAIN_CREATE = "domain.create"
    DOMAIN_CHANGE = "domain.change"
    DOMAIN_DELETE = "domain.delete"
    ADMIN_FLAG_CHANGE = "admin_flag.change"  # details.admin: the new value
    PORTAL_USER_CREATE = "portal_user.create"
    PORTAL_USER_CHANGE = "portal_user.change"
    PORTAL_SSO_LINK_CREATE = "portal_sso_link.create"
    SSO_LINK_CREATE = "sso_link.create"  # getUserSingleSignOnLoginURL
    USER_CREATE = "user.create"  # details.admin
    USER_CHANGE = "user.change"  # details.fields: the profile, settings or status fields given
    USER_RENAME = "user.rename"  # target: the old login; details.new_login
    USER_DELETE = "user.delete"
    PASSWORD_CHANGE = "password.change"  # a login password set (own or by an administrator)
    SECURELINE_KEY_ADD = "secureline_key.add"  # target: the recipient; details.kind, fingerprint
    SECURELINE_KEY_REMOVE = "secureline_key.remove"
    SUPPRESSION_ADD = "suppression.add"  # target: the address; details.level: user | account
    SUPPRESSION_REMOVE = "suppression.remove"
    QUEUE_RETRY = "queue.retry"  # target: "message <id>"
    QUEUE_PURGE = "queue.purge"
    OUTBOX_PURGE = "outbox.purge"  # `openlux outbox purge`: every captured message (no account)
    BRANDING_CHANGE = "branding.change"  # details.keys: the branding keys given
    DOMAIN_VERIFY = "domain.verify"  # details.method: dns | operator; outcome failure when DNS lacks the record
    ACCOUNT_SETTING_CHANGE = "account_setting.change"  # details.setting, details.value (audit lifetime …)
    SENDER_ALLOW = "sender.allow"  # `openlux sender allow`: target the login, details.address
    SENDER_REVOKE = "sender.revoke"
    WEBHOOK_ADD = "webhook.add"  # target the endpoint URL; details.webhook_id, details.events
    WEBHOOK_REMOVE = "webhook.remove"
    BOUNCE_DOMAIN_CREATE = "bounce_domain.create"  # createCustomBounceDomain; details.parent_domain
    MASTER_KEY_ROTATE = "master_key.rotate"  # `openlux key rotate` (no account: the whole installation)
    REPORT_JOB_CREATE = "report_job.create"
    EXPORT_DOWNLOAD = "export.download"  # a finished report job's file fetched through the API
    REPORT_READ = "report.read"  # a report whose rows name messages or addresses; details.report, rows
    MESSAGE_SEND = "message.send"  # `openlux send`: the operator queued mail in a user's name; details.as_user
    MESSAGE_LIST = "message.list"  # captured mail listed (subjects, recipients); details.channel, count
    ALIAS_CREATE = "alias.create"  # target: the alias address; details.action
    ALIAS_CHANGE = "alias.change"  # details.fields: the fields given
    ALIAS_DELETE = "alias.delete"
    FORWARDING_CHANGE = "forwarding.change"  # updateEmailForwarding; details.action, destinations
    SENDING_RATE_CHANGE = "sending_rate.change"  # setServerSendngRate; target "server <id>", details.rate
    SECUREFORM_CREATE = "secureform.create"  # `openlux secureform create`; target "secure form <id>"
    SECUREFORM_CHANGE = "secureform.change"  # `openlux secureform enable|disable`; details.enabled
    SECUREFORM_POST_READ = "secureform_post.read"  # Secure Form posts read; details.part, rows
    SECUREFORM_POST_DELETE = "secureform_post.delete"  # a post (row) or one of its files deleted
    RETENTION_PURGE = "retention.purge"  # one purge step for one account; target the step, details.rows


class LoginChannel(StrEnum):
    """Where a login was tried (details.channel of AuditAction.LOGIN)."""

    API = "api"  # POST /auth
    OAUTH = "oauth"  # client-credentials token
    CONSOLE = "console"  # the console password form
    CONSOLE_SECOND_FACTOR = "console_second_factor"
    CONSOLE_REAUTH = "console_reauth"  # an SSO session entering its password again
    SMTP = "smtp"  # SMTP AUTH on the submission port
    PORTAL = "portal"  # SecureSend portal password login
    PICKUP = "pickup"  # one-time pickup code


class ReadChannel(StrEnum):
    """Where a message was read (details.channel of AuditAction.MESSAGE_READ)."""

    CONSOLE = "console"
    PORTAL = "portal"
    PICKUP = "pickup"
    CLI = "cli"  # `openlux outbox show` / `openlux outbox list` (the operator)


class AuditRecord(BaseModel):
    """One row as administrators read it."""

    id: int
    at: datetime
    account_id: int | None
    actor_kind: str
    actor: str
    actor_id: int | None
    on_behalf_of: str | None
    action: str
    target: str
    client_ip: str | None
    outcome: str
    details: dict[str, Any]
