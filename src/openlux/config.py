"""Settings: environment (OPENLUX_*), an optional openlux.toml, then defaults.

Nothing reads the environment at import time: `Settings.load()` is called by the CLI and by
tests, and the object is passed to `create_app(settings)`.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from openlux.core.crypto import PasswordHashCost

DeliveryMode = Literal["capture", "relay", "mx"]


SERVED_FILE = "served.json"
_LISTENER_FIELDS = frozenset({"http_host", "http_port", "tls", "tls_cert", "tls_key"})


@functools.lru_cache(maxsize=8)
def served_base_url(path: Path) -> str | None:
    """The base URL a server announced in `path`, or None (read once per process)."""
    try:
        return str(json.loads(path.read_text())["base_url"]).rstrip("/") or None
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Settings(BaseSettings):
    """Every knob of an OpenLux installation; names are stable (DESIGN.md §2)."""

    model_config = SettingsConfigDict(env_prefix="OPENLUX_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Where the SQLite database, keys and files live.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy async URL; default is SQLite in the data dir (postgresql+asyncpg://… for PostgreSQL).",
    )
    database_pool_size: int = Field(
        10,
        ge=1,
        description="PostgreSQL connections one process keeps open (and as many more at a peak): "
        "size max_connections as processes x 2 x this.",
    )
    master_key: str | None = Field(
        None, description="Base64 AES-256 key for data at rest; default is data_dir/master.key (created 0600)."
    )
    master_key_file: Path | None = Field(
        None,
        description="File holding the master key when OPENLUX_MASTER_KEY is not set (outside the data dir, say); "
        "default data_dir/master.key.",
    )
    default_integration_api_key: bool = Field(
        False,
        description="Let the account integration created at initialisation also accept a static X-API-Key header "
        "(off: it signs like every LuxSci client).",
    )
    http_host: str = Field("127.0.0.1", description="Address the HTTP API listens on.")
    http_port: int = Field(8025, description="Port of the HTTP API.")
    submission_port: int = Field(2587, description="Port of SMTP submission (STARTTLS + AUTH).")
    inbound_port: int = Field(2525, description="Port of inbound SMTP (bounces, replies, hosted domains).")
    smtp_host: str = Field("127.0.0.1", description="Address the SMTP listeners bind to.")
    delivery_mode: DeliveryMode = Field("capture", description="capture (keep, send nothing), relay or mx.")
    relays: str = Field("", description="Relay hosts for delivery_mode=relay: host:port[,host:port…], preferred first.")
    public_url: str | None = Field(None, description="Base URL for links in mail and SSO; default http(s)://host:port.")
    tls: bool = Field(False, description="Serve HTTPS with a certificate from OpenLux's local CA (data_dir/tls/).")
    tls_cert: Path | None = Field(None, description="PEM certificate (chain) for HTTPS; with tls_key, HTTPS is on.")
    tls_key: Path | None = Field(None, description="PEM private key for tls_cert.")
    tls_names: str = Field(
        "localhost,127.0.0.1",
        description="Names (DNS or IP, comma-separated) the generated "
        "certificate covers; add rest.luxsci.com to serve LuxSci's clients unmodified.",
    )
    hostname: str = Field("openlux.localhost", description="Name this server uses in EHLO and Message-IDs.")

    integration_per_minute_limit: int = Field(
        60,
        description="Requests per minute of an integration created after initialisation (LuxSci's default; 0 = unlimited).",
    )
    integration_per_day_limit: int = Field(
        6000,
        description="Requests per day of an integration created after initialisation (LuxSci's default; 0 = unlimited).",
    )
    sms_transport: Literal["capture", "http"] = Field(
        "capture", description="SecureText SMS: capture (kept, listed by `openlux sms list`) or http (a JSON gateway)."
    )
    sms_gateway_url: str | None = Field(None, description="POST URL of the JSON SMS gateway (sms_transport=http).")
    sms_gateway_token: str | None = Field(None, description="Bearer token for the SMS gateway.")
    sms_sender: str = Field("OpenLux", description="Sender id or number the SMS gateway sends from.")
    sms_retry_base_seconds: float = Field(
        30.0, description="First retry delay of a text the gateway could not take (doubles each attempt, 8 attempts)."
    )
    auth_clock_skew_seconds: int = Field(300, description="Allowed |now - date| on POST /auth.")
    auth_idle_timeout_seconds: int = Field(3600, description="An auth code unused this long expires.")
    auth_max_age_seconds: int = Field(86400, description="An auth code expires this long after issue, used or not.")
    sso_url_lifetime_seconds: int = Field(300, description="How long a single sign-on URL stays valid.")
    check_api_host: bool = Field(True, description="Reject calls whose Host differs from an integration's api_host.")
    # Signed-call hot path and login throttling (openlux.auth.runtime / throttle; docs/operations.md).
    auth_sync_interval_seconds: float = Field(
        0.25, description="How often each process flushes buffered auth writes and polls the auth generation."
    )
    auth_rate_sync_seconds: float = Field(
        1.0, description="Rate-limit counters kept in memory are reconciled through the database at least this often."
    )
    auth_touch_interval_seconds: int = Field(
        30, description="An auth code's last-used time is written at most this often (coalesced, off the request path)."
    )
    password_hash_cost: PasswordHashCost = Field(
        PasswordHashCost.RECOMMENDED,
        description="argon2id cost of new password hashes. Leave it: 'test-minimum' exists so the test suite "
        "does not spend its time hashing, and makes stored passwords cheap to guess.",
    )
    auth_failure_buffer: int = Field(10000, description="Auth failures held in memory before the oldest are dropped.")
    login_free_failures: int = Field(3, description="Failed logins per login or (login, client) before delays start.")
    login_delay_base_seconds: float = Field(0.5, description="First throttling delay; doubles per further failure.")
    login_delay_max_seconds: float = Field(8.0, description="Longest throttling delay before a login attempt.")
    login_lock_after: int = Field(10, description="Failures of one (login, client address) that lock that pair.")
    login_lock_seconds: int = Field(900, description="How long a locked (login, client address) pair is refused.")
    login_failure_window_seconds: int = Field(3600, description="Failures older than this are forgotten.")
    console_idle_timeout_seconds: int = Field(
        1800, description="A console session unused this long ends (web console)."
    )
    console_max_age_seconds: int = Field(
        12 * 3600, description="A console session ends this long after sign-in, used or not."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses/networks of reverse proxies whose X-Forwarded-For/-Proto are believed.",
    )

    max_body_bytes: int = Field(
        64 * 1024 * 1024, description="Largest request body accepted from an authenticated caller."
    )
    max_unauthenticated_body_bytes: int = Field(
        64 * 1024, description="Largest request body accepted without live credentials (POST /auth, login forms)."
    )
    content_max_file_bytes: int = Field(25 * 1024 * 1024, description="Largest content-library file accepted.")
    content_quota_bytes: int = Field(1024 * 1024 * 1024, description="Content-library bytes one user may store.")
    # Mail pipeline (openlux.mail; decisions in docs/compat.d/mail.md).
    dns_servers: str = Field(
        "", description="DNS servers for MX/A/TXT lookups: host:port[,host:port]; empty = system resolver."
    )
    dns_timeout_seconds: float = Field(5.0, description="Total time allowed for one DNS lookup.")
    send_max_messages_per_call: int = Field(1000, description="sendEmail: most messages in one call (LuxSci: 1000).")
    send_idempotency_hours: float = Field(
        24.0, description="How long an Idempotency-Key on a send endpoint replays the first answer (extension)."
    )
    send_max_recipients_per_message: int = Field(
        100, description="Most recipients (to+cc+bcc) of one message (LuxSci: 100)."
    )
    send_max_recipients_per_call: int = Field(
        1000, description="sendEmail: most recipients over all messages of one call (LuxSci: 1000)."
    )
    send_max_attachment_bytes: int = Field(25 * 1024 * 1024, description="Largest single attachment.")
    send_max_message_bytes: int = Field(
        35 * 1024 * 1024, description="Largest composed message (MIME, after encoding)."
    )
    delivery_lifetime_seconds: int = Field(5 * 86400, description="A recipient not delivered within this time fails.")
    delivery_retry_base_seconds: float = Field(60.0, description="First retry delay; doubles each attempt.")
    delivery_retry_max_seconds: float = Field(4 * 3600.0, description="Longest delay between two attempts.")
    delivery_lease_seconds: int = Field(
        300, description="A claimed message not finished within this time is claimed again."
    )
    delivery_worker_stale_seconds: float = Field(
        10.0,
        description="A delivery process whose heartbeat (refreshed every second) is older than this is dead: "
        "its leased messages are claimed again at once instead of after delivery_lease_seconds.",
    )
    delivery_workers: int = Field(8, description="Concurrent delivery tasks per worker process.")
    delivery_batch_size: int = Field(200, description="Most messages one worker claims at once.")
    delivery_poll_seconds: float = Field(
        0.5,
        description="Idle worker polling interval: how soon mail queued by another process is seen (mail "
        "queued by the same process, as under `openlux serve`, wakes its delivery at once).",
    )
    delivery_connections_per_destination: int = Field(
        4, description="Most concurrent SMTP connections to one relay/MX host."
    )
    delivery_messages_per_connection: int = Field(
        100, description="Messages sent over one SMTP connection before it is closed."
    )
    delivery_rate_per_destination: float = Field(
        0.0, description="Most messages per second to one relay/MX host (0 = no limit)."
    )
    dkim_sign_pool: Literal["thread", "process"] = Field(
        "thread",
        description="Where DKIM signatures are computed: a thread pool (OpenSSL releases the interpreter lock "
        "while signing) or a process pool (also moves canonicalisation off the delivery process).",
    )
    dkim_sign_workers: int = Field(0, description="Size of the DKIM signing pool (0 = one per core).")
    delivery_timeout_seconds: float = Field(60.0, description="SMTP connect/command timeout for delivery.")
    delivery_tls_verify: bool = Field(
        False,
        description="Also verify certificates for opportunistic TLS (MTA practice: off). TLS that a policy "
        "requires (tls_policy=required, relay_tls=starttls, MTA-STS enforce) is always verified (name and chain, "
        "system store or tls_ca_file); DANE hosts are checked against their TLSA records.",
    )
    mta_sts_enabled: bool = Field(
        True, description="Honour MTA-STS (RFC 8461) policies of recipient domains in mx mode."
    )
    mta_sts_port: int = Field(
        443, description="HTTPS port of mta-sts.<domain> policy hosts (tests point it at loopback)."
    )
    dane_enabled: bool = Field(
        True, description="Honour DANE TLSA records (RFC 7672) in mx mode when the resolver sets the AD bit."
    )
    tlsrpt_poll_seconds: float = Field(
        600.0,
        description="How often the tlsrpt role looks for a finished UTC day whose TLS-RPT reports are not sent yet.",
    )
    mx_port: int = Field(25, description="Port used for direct-to-MX delivery (tests point it at loopback sinks).")
    relay_username: str | None = Field(None, description="AUTH user for relays (optional).")
    relay_password: str | None = Field(None, description="AUTH password for relays (optional).")
    relay_tls: Literal["none", "opportunistic", "starttls", "tls"] = Field(
        "opportunistic",
        description="TLS towards relays: none, opportunistic STARTTLS, required STARTTLS, implicit TLS.",
    )
    smtp_tls_cert: Path | None = Field(
        None, description="PEM certificate for SMTP STARTTLS; default: self-signed in the data dir."
    )
    smtp_tls_key: Path | None = Field(None, description="PEM private key for smtp_tls_cert.")
    submission_max_message_bytes: int = Field(35 * 1024 * 1024, description="SIZE limit announced by SMTP submission.")
    # SecureLine (openlux.secureline; decisions in docs/compat.d/secureline.md).
    tls_ca_file: Path | None = Field(
        None,
        description="PEM CA bundle trusted when checking MX certificates (SecureLine TLS check); default: system store.",
    )
    tls_check_timeout_seconds: float = Field(
        10.0, description="Per-MX-host time limit of the SMTP TLS capability check."
    )
    tls_check_cache_seconds: int = Field(3600, description="How long a domain's SMTP TLS capability result is reused.")

    # Engagement tracking (openlux.tracking; decisions in docs/compat.d/tracking.md).
    tracking_scanner_seconds: float = Field(
        10.0, description="An open or click this soon after delivery is classified automated (security scanners)."
    )
    tracking_flush_seconds: float = Field(0.25, description="How often recorded opens and clicks are written.")
    soft_bounce_limit: int = Field(3, description="Soft bounces of one address that count as a hard bounce.")
    webhook_ca_file: Path | None = Field(
        None, description="PEM CA bundle trusted for webhook HTTPS (private CAs, tests); default: the system store."
    )
    webhook_retry_hours: float = Field(24.0, description="How long a webhook delivery is retried before it fails.")
    webhook_timeout_seconds: float = Field(10.0, description="Time limit of one webhook POST.")
    retention_interval_seconds: float = Field(
        600.0,
        description="How often the retention role purges what outlived its account's lifetimes (and expired "
        "escrow); lifetimes are counted in days, so minutes late is harmless.",
    )
    retention_batch_rows: int = Field(
        500, description="Rows the retention role purges per transaction (short write locks on SQLite)."
    )
    outbound_allowed_networks: str = Field(
        "",
        description="Networks (CIDR, comma-separated) that tenant-chosen destinations (report uploads, webhooks) "
        "may reach although they are internal (loopback, private, link-local …); empty = public addresses only.",
    )

    environment: Literal["dev", "production"] = Field("dev", description="production refuses placeholder secrets.")

    @field_validator("outbound_allowed_networks")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # ValueError names the bad entry
        return value

    @field_validator("data_dir")
    @classmethod
    def _absolute_data_dir(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _TomlSource(settings_cls))

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Settings from flags (overrides that are not None), environment, openlux.toml, defaults."""
        return cls(**{k: v for k, v in overrides.items() if v is not None})

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force (SQLite file in the data dir by default)."""
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'openlux.db'}"

    @property
    def api_url(self) -> str:
        """Base URL of the LuxSci API on this server."""
        return f"{self.base_url}/perl/api/v2"

    @property
    def base_url(self) -> str:
        """Public base URL (no trailing slash).

        Without public_url and without an HTTP address given to this process, it is the address the
        server of this data directory announced when it started (data_dir/served.json), so a CLI run
        from a shell without the server's settings prints working URLs.
        """
        if self.public_url:
            return self.public_url.rstrip("/")
        if not self.model_fields_set & _LISTENER_FIELDS:
            served = served_base_url(self.data_dir / SERVED_FILE)
            if served:
                return served
        return self.listener_url

    @property
    def listener_url(self) -> str:
        """http(s)://host:port of this process's own HTTP listener settings."""
        scheme = "https" if self.https else "http"
        return f"{scheme}://{self.http_host}:{self.http_port}"

    def announce_served_address(self) -> None:
        """Record where this data directory's HTTP listener serves (read by base_url in other processes)."""
        path = self.data_dir / SERVED_FILE
        path.write_text(json.dumps({"base_url": self.public_url.rstrip("/") if self.public_url else self.listener_url}))
        served_base_url.cache_clear()

    @property
    def https(self) -> bool:
        """True when the HTTP listener speaks TLS (operator files, or the local CA's certificate)."""
        return self.tls or (self.tls_cert is not None and self.tls_key is not None)


class _TomlSource(PydanticBaseSettingsSource):
    """Reads `openlux.toml` from the working directory or OPENLUX_CONFIG, keys as in Settings."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        import os

        path = Path(os.environ.get("OPENLUX_CONFIG", "openlux.toml"))
        if not path.is_file():
            return {}
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        return data.get("openlux", data)
