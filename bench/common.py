"""What every benchmark in bench/ shares: OpenLux and bare servers, SMTP sinks, alternating rounds,
medians with spread, the machine's description and the result table (printed, and kept as JSON for
`make bench`, which writes docs/performance.md from it).

Benchmarks drive OpenLux only through its public paths: the `openlux` command (init, integration,
api, worker, serve), signed HTTP through the SDK or wrk, and SMTP to a sink. Nothing here imports
the test suite, so the benchmarks keep working while tests/support changes.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import base64
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Correct-Horse-2024"
POSTGRES_ADMIN_URL = os.environ.get(
    "OPENLUX_BENCH_POSTGRES_URL",
    os.environ.get("OPENLUX_TEST_POSTGRES_URL", "postgresql://openlux:openlux@127.0.0.1:5432/openlux"),
)
RESULTS_ENV = "OPENLUX_BENCH_RESULTS"  # a directory: each benchmark leaves <name>.json there for `make bench`
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def openlux_bin() -> str:
    """The `openlux` console script next to this interpreter (the worktree's .venv)."""
    return str(Path(sys.executable).with_name("openlux"))


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    """Progress on stderr (stdout carries the result table)."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- rounds


def alternate(rounds: int, commands: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every command once per round, the order rotating each round (A B C, B C A, C A B …), so
    load on the machine falls on all of them alike; {name: [value per round]}."""
    names = list(commands)
    values: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(rounds):
        shift = round_no % len(names)
        order = names[shift:] + names[:shift]
        got = {}
        for name in order:
            got[name] = commands[name]()
            values[name].append(got[name])
        log(f"  round {round_no + 1}/{rounds}: " + " | ".join(f"{n} {got[n]:,.1f}" for n in names))
    return values


def spread(values: list[float], digits: int = 0) -> str:
    """'median (min–max)'; NaN (not measured) values left out."""
    values = [v for v in values if v == v]
    if not values:
        return "not measured"
    fmt = f"{{:,.{digits}f}}"
    med = fmt.format(statistics.median(values))
    return med if len(values) == 1 else f"{med} ({fmt.format(min(values))}–{fmt.format(max(values))})"


@dataclass
class Row:
    """One figure beside its baseline, paired round by round (values[i] and baseline[i] ran in round i)."""

    figure: str
    values: list[float]
    unit: str
    baseline: str
    baseline_values: list[float]
    goal: str = ""
    digits: int = 0
    higher_is_better: bool = True
    as_factor: bool = False  # print the ratio as 1.4× rather than 140% (scaling ratios)

    def ratios(self) -> list[float]:
        return [v / b for v, b in zip(self.values, self.baseline_values, strict=False) if b and b == b]

    def ratio_text(self) -> str:
        ratios = self.ratios()
        if not ratios:
            return "–"
        if self.higher_is_better and not self.as_factor:
            med = f"{statistics.median(ratios):.0%}"
            return med if len(ratios) == 1 else f"{med} ({min(ratios):.0%}–{max(ratios):.0%})"
        med = f"{statistics.median(ratios):.2f}×"
        return med if len(ratios) == 1 else f"{med} ({min(ratios):.2f}–{max(ratios):.2f}×)"

    def as_dict(self) -> dict[str, Any]:
        ratios = self.ratios()
        measured = [v for v in self.baseline_values if v == v]
        return {
            "figure": self.figure,
            "unit": self.unit,
            "values": [round(v, 3) for v in self.values],
            "median": round(statistics.median(self.values), 3) if self.values else None,  # NaN-free: figures
            "baseline": self.baseline,
            "baseline_values": [round(v, 3) for v in self.baseline_values if v == v],
            "baseline_median": round(statistics.median(measured), 3) if measured else None,
            "ratio_median": round(statistics.median(ratios), 4) if ratios else None,
            "ratio_text": self.ratio_text(),
            "figure_text": spread(self.values, self.digits),
            "baseline_text": spread(self.baseline_values, self.digits),
            "goal": self.goal,
        }


def markdown_table(rows: list[Row]) -> str:
    """The figures as a Markdown table: figure, baseline, ratio (medians with min–max), goal."""
    lines = [
        "| figure | median (min–max) | baseline | median (min–max) | figure / baseline | goal |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.figure} | {spread(row.values, row.digits)} {row.unit} | {row.baseline} | "
            f"{spread(row.baseline_values, row.digits)} {row.unit} | {row.ratio_text()} | {row.goal} |"
        )
    return "\n".join(lines)


def report(name: str, title: str, rows: list[Row], *, rounds: int, notes: list[str] | None = None) -> None:
    """Print the table (stdout) and, under `make bench`, keep it as JSON with the command that made it."""
    command = " ".join([".venv/bin/python", f"bench/{name}.py", *sys.argv[1:]])
    print(f"\n## {title}\n")
    print(markdown_table(rows))
    print(f"\n{rounds} rounds, alternated; reproduce: `{command}`")
    for note in notes or []:
        print(f"- {note}")
    sys.stdout.flush()
    results = os.environ.get(RESULTS_ENV)
    if results:
        Path(results).mkdir(parents=True, exist_ok=True)
        data = {"name": name, "title": title, "command": command, "rounds": rounds, "notes": notes or [],
                "rows": [row.as_dict() for row in rows]}
        (Path(results) / f"{name}.json").write_text(json.dumps(data, indent=2))


# -------------------------------------------------------------------------------------------- machine


def postgres_version() -> str:
    """The PostgreSQL server's version, or why there is none."""
    try:
        return asyncio.run(_pg_scalar("SHOW server_version"))
    except Exception as exc:  # noqa: BLE001 - no server, no driver, no role: say so on the page
        return f"not reachable ({type(exc).__name__})"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    cpu = platform.processor() or ""
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
        "os": f"{platform.system()} {platform.release()}",
        "load average (1, 5, 15 min) at start": load,
    }


# ------------------------------------------------------------------------------------------ databases


async def _pg_scalar(statement: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        return str(await conn.fetchval(statement))
    finally:
        await conn.close()


async def _pg_exec(statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def postgres_server_pid() -> int | None:
    """The pid of the PostgreSQL server's postmaster when it runs on this machine (its process tree is every
    server process: backends, WAL writer, checkpointer, autovacuum), else None."""

    async def parent_of_backend() -> int | None:
        import asyncpg

        conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        try:
            return _postmaster_of(await conn.fetchval("SELECT pg_backend_pid()"))  # while the backend lives
        finally:
            await conn.close()

    return asyncio.run(parent_of_backend())


def _postmaster_of(backend: int) -> int | None:
    """The parent of a live PostgreSQL backend, if it is a postgres process here (a server in another pid
    namespace, a container, reports a pid that is not its own on this machine)."""
    try:
        parent = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
        command = Path(f"/proc/{parent}/cmdline").read_bytes()
    except (OSError, ValueError, IndexError):
        return None
    return parent if b"postgres" in command else None


@contextmanager
def database(backend: str, tmp: Path, label: str = "db") -> Iterator[str]:
    """A fresh empty database on the backend (sqlite | postgresql); its SQLAlchemy async URL; dropped after."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp}/{label}.sqlite3"
        return
    if backend != "postgresql":
        raise SystemExit(f"unknown backend {backend!r} (sqlite, postgresql)")
    name = f"openlux_bench_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_exec(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with suppress(Exception):
            asyncio.run(_pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# -------------------------------------------------------------------------------------------- servers


def wait_http(port: int, path: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Until GET path answers below 500 (or the process dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server for port {port} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port} within {timeout:.0f}s")


def stop(proc: subprocess.Popen | None) -> None:
    """SIGTERM a process started in its own session (and its children), SIGKILL after 20 s."""
    if proc is None or proc.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@dataclass
class OpenLux:
    """An initialised OpenLux installation (data dir + database) whose roles are started as processes."""

    data_dir: Path
    database_url: str
    env: dict[str, str]
    credentials: dict[str, Any]
    procs: list[subprocess.Popen] = field(default_factory=list)

    @classmethod
    def init(cls, data_dir: Path, database_url: str, **settings: str) -> OpenLux:
        """`openlux init` like an operator, with OPENLUX_* settings (keys without the prefix, lower case)."""
        data_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, OPENLUX_DATA_DIR=str(data_dir), OPENLUX_DATABASE_URL=database_url,
                   OPENLUX_HTTP_HOST="127.0.0.1", OPENLUX_HTTP_PORT=str(free_port()),
                   OPENLUX_SUBMISSION_PORT=str(free_port()), OPENLUX_INBOUND_PORT=str(free_port()))
        env.update({f"OPENLUX_{k.upper()}": str(v) for k, v in settings.items()})
        made = subprocess.run([openlux_bin(), "init", "--json", "--password", PASSWORD], env=env,
                              capture_output=True, text=True, timeout=300)
        if made.returncode:
            raise SystemExit(f"openlux init failed:\n{made.stdout}\n{made.stderr}")
        return cls(data_dir, database_url, env, json.loads(made.stdout.strip().splitlines()[-1]))

    def cli(self, *args: str) -> str:
        """Run an `openlux` command on this installation; its stdout."""
        done = subprocess.run([openlux_bin(), *args], env=self.env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise SystemExit(f"openlux {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def integration(self, name: str, *, scope: str = "user", per_minute: int = 0, per_day: int = 0) -> dict[str, str]:
        """`openlux integration create`: token and secret (0 = unlimited, as LuxSci counts)."""
        out = self.cli("integration", "create", name, "--scope", scope, "--per-minute", str(per_minute),
                       "--per-day", str(per_day))
        return json.loads(out[out.index("{"):])

    def start(self, role: str, *args: str, port: int | None = None, **settings: str) -> tuple[subprocess.Popen, int]:
        """Start `openlux <role>` (serve | api | worker) in its own session; (process, HTTP port)."""
        port = port or free_port()
        env = dict(self.env, OPENLUX_HTTP_PORT=str(port))
        env.update({f"OPENLUX_{k.upper()}": str(v) for k, v in settings.items()})
        logfile = (self.data_dir / f"{role}-{len(self.procs)}.log").open("w")
        proc = subprocess.Popen([openlux_bin(), role, *args], env=env, stdout=logfile, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.procs.append(proc)
        if role in ("serve", "api"):
            # Ready when a static file answers. Not openapi.json: answering it builds and keeps the API
            # description (6 MB of the process's RSS, measured), which no measured path needs.
            wait_http(port, "/static/logo.svg", proc)
        return proc, port

    def client(self, port: int, *, token: str | None = None, secret: str | None = None, account: bool = False,
               timeout: float = 300) -> Any:
        """An SDK client (signed LuxSci calls) for the user (default) or the account integration."""
        from openlux.client import Client

        c = self.credentials
        if account:
            return Client(f"http://127.0.0.1:{port}", token or c["account_token"], secret or c["account_secret"],
                          account=c["account"], user=c["user"], timeout=timeout)
        return Client(f"http://127.0.0.1:{port}", token or c["user_token"], secret or c["user_secret"],
                      user=c["user"], password=c["password"], timeout=timeout)

    def lift_hourly_limit(self, port: int) -> None:
        """updateUserSettings hourly_send_limit=0 (no limit) for the administrator user: LuxSci's default of
        10,000 recipients an hour would refuse a benchmark's later rounds (HTTP 429)."""
        with self.client(port, account=True) as account:
            account.update_user_settings(username=self.credentials["user"], hourly_send_limit=0)

    def stop_all(self) -> None:
        for proc in self.procs:
            stop(proc)
        self.procs.clear()


def signed_get(port: int, token: str, secret: str, creds: dict[str, Any], path_template: str) -> tuple[str, str]:
    """(path, Cookie header) of a signed GET that stays valid for the whole run (no body, no date in it)."""
    from openlux.auth import signing
    from openlux.client import Client

    with Client(f"http://127.0.0.1:{port}", token, secret, user=creds["user"], password=creds["password"]) as client:
        code = client.authenticate()
        client.get_user()  # proves the signature scheme works before wrk hammers it
    path = path_template.format(user=creds["user"])
    return path, f"signature={code}:{signing.sign_request(secret, code, 'GET', path, '', b'')}"


BARE_APP = Path(__file__).with_name("bare_app.py")


@contextmanager
def bare_server(database_url: str | None = None) -> Iterator[int]:
    """bench/bare_app.py (plain Starlette, one uvicorn process like `openlux api`); its port."""
    port = free_port()
    env = dict(os.environ, BENCH_DATABASE_URL=database_url or "")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=BARE_APP.parent, env=env,
                            start_new_session=True)
    try:
        wait_http(port, "/hello", proc)
        yield port
    finally:
        stop(proc)


# ------------------------------------------------------------------------------------------------ wrk


def ensure_wrk() -> str:
    """Path of wrk (Debian package `wrk`), installed when this runs as root."""
    found = shutil.which("wrk")
    if not found and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed: apt-get install wrk")
    return found


STOP_AFTER = Path(__file__).with_name("stop_after.lua")


def add_wrk_arguments(parser: argparse.ArgumentParser, *, connections: int) -> None:
    """--seconds, --warm-up, --requests and --connections of a benchmark that loads OpenLux with wrk."""
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--warm-up", type=int, default=1, help="seconds of load before the rounds (0: none)")
    parser.add_argument("--requests", type=int, default=0,
                        help="stop each wrk thread after this many answers (0: none; a smoke run, no measurement)")
    parser.add_argument("--connections", type=int, default=connections)


def round_load(args: argparse.Namespace) -> Callable[..., float]:
    """run_wrk(url, headers) with the --seconds, --connections and --requests of `args`: one command's
    load in a round."""
    return lambda url, headers=None: run_wrk(url, args.seconds, args.connections, headers, requests=args.requests)


def run_wrk(url: str, seconds: float, connections: int, headers: dict[str, str] | None = None, *,
            requests: int = 0) -> float:
    """Requests/s answered 2xx or 3xx, as wrk measured them (2 threads).

    `requests` > 0 stops each wrk thread after that many answers (bench/stop_after.lua): the smoke
    test's check that the path answers under wrk, without a second of full load per command. The
    rate is then no measurement.
    """
    args = [ensure_wrk(), f"-t{min(2, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
            "--timeout", "10s"]
    for key, value in (headers or {}).items():
        args += ["-H", f"{key}: {value}"]
    script = ["-s", str(STOP_AFTER), url, "--", str(requests)] if requests > 0 else [url]
    out = subprocess.run([*args, *script], capture_output=True, text=True, check=True).stdout
    found = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if not found:
        raise SystemExit(f"wrk said nothing usable:\n{out}")
    total = int(found.group(1))
    duration = float(found.group(2)) / (1000 if found.group(3) == "ms" else 1)
    bad_match = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = int(bad_match.group(1)) if bad_match else 0
    if bad:
        log(f"  warning: {bad} of {total} answers from {url} were errors (not counted)")
    return (total - bad) / duration


# ---------------------------------------------------------------------------------------------- mail


def body_text(index: int, size: int) -> str:
    """A plain-text body of about `size` bytes (a statement-like letter, lines of words)."""
    line = f"Line of statement {index}: amount due, reference, date and a few words of text.\n"
    return f"Hello,\n\nthis is message {index}.\n\n" + line * max(1, size // len(line))


def message_size(index: int, low: int = 2048, high: int = 20480) -> int:
    """Sizes spread evenly over [low, high] bytes, deterministic per index."""
    return low + (index * 7919) % (high - low + 1)


POSTFIX_SINK = ("/usr/sbin/smtp-sink", "/usr/lib/postfix/sbin/smtp-sink")
POSTFIX_SOURCE = ("/usr/sbin/smtp-source", "/usr/lib/postfix/sbin/smtp-source")


def find_binary(paths: tuple[str, ...], name: str) -> str | None:
    return next((p for p in paths if os.access(p, os.X_OK)), shutil.which(name))


def self_signed(tmp: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 (the sink's TLS; delivery does not verify opportunistic TLS)."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import ip_address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sink.bench")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=7))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "sink.crt", tmp / "sink.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Sink:
    """An SMTP sink on loopback that counts what arrives.

    Postfix's `smtp-sink` (C, PIPELINING) when installed, writing every transaction to a dump file
    so Message-IDs can be counted; with tls=True, stunnel terminates implicit TLS in front of it
    (OPENLUX_RELAY_TLS=tls). Without Postfix, a small asyncio sink in this process does both (it
    then shares the machine's cores with OpenLux — the table says which sink ran).
    """

    def __init__(self, tmp: Path, *, tls: bool = False) -> None:
        self.tmp = tmp / f"sink-{uuid.uuid4().hex[:6]}"
        self.tmp.mkdir(parents=True)
        self.tls = tls
        self.procs: list[subprocess.Popen] = []
        self.dump = self.tmp / "dump"
        postfix = os.environ.get("OPENLUX_BENCH_SINK") != "python"  # python: the fallback even with Postfix
        self.smtp_sink = find_binary(POSTFIX_SINK, "smtp-sink") if postfix else None
        self.smtp_source = find_binary(POSTFIX_SOURCE, "smtp-source") if postfix else None
        stunnel = shutil.which("stunnel") or shutil.which("stunnel4")
        self.kind = "Postfix smtp-sink" if self.smtp_sink else "asyncio sink (Postfix not installed)"
        self.python_sink: PythonSink | None = None
        self._read_to, self._ids = 0, []
        self.plain_port = free_port()
        if self.smtp_sink:
            user = ["-u", "nobody"] if os.geteuid() == 0 else []
            os.chmod(self.tmp.parent, 0o755)  # smtp-sink runs as nobody: it must reach and write its dump
            os.chmod(self.tmp, 0o777)
            self.procs.append(subprocess.Popen([self.smtp_sink, *user, "-D", str(self.dump),
                                                f"127.0.0.1:{self.plain_port}", "1024"], start_new_session=True))
        else:
            self.python_sink = PythonSink(self.plain_port)
        self.port = self.plain_port
        if tls:
            cert, key = self_signed(self.tmp)
            if self.smtp_sink and stunnel:
                self.port = free_port()
                conf = self.tmp / "stunnel.conf"
                conf.write_text(textwrap.dedent(f"""\
                    foreground = yes
                    pid =
                    [smtps]
                    accept = 127.0.0.1:{self.port}
                    connect = 127.0.0.1:{self.plain_port}
                    cert = {cert}
                    key = {key}
                """))
                self.procs.append(subprocess.Popen([stunnel, str(conf)], stdout=subprocess.DEVNULL,
                                                   stderr=subprocess.DEVNULL, start_new_session=True))
                self.kind += " behind stunnel (implicit TLS)"
            else:
                if self.python_sink is None:  # Postfix without stunnel: the Python sink does TLS itself
                    self.python_sink = PythonSink(free_port())
                self.port = free_port()
                self.python_sink.add_tls_listener(self.port, cert, key)
                self.kind = "asyncio sink with TLS (stunnel or Postfix missing)"
        _wait_tcp(self.port)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def dump_file(self) -> Path | None:
        """smtp-sink's dump, once its first transaction ended (None before).

        Only the exact name: smtp-sink writes each transaction in progress to its own file, named
        after the dump with a random hex suffix, and deletes it once appended to the dump. Reading one
        of those failed with FileNotFoundError when it was deleted between listing and opening.
        """
        return self.dump if self.dump.exists() else None

    def message_ids(self) -> list[str]:
        """Message-ID header of every message received so far (duplicates kept)."""
        if self.python_sink is not None:
            return list(self.python_sink.message_ids)
        dump = self.dump_file()
        if dump is None:
            return []
        with dump.open("rb") as fh:  # read on from where the last call stopped (dumps grow to MBs)
            fh.seek(self._read_to)
            chunk = fh.read()
        complete = chunk.rfind(b"\n") + 1
        for line in chunk[:complete].split(b"\n"):
            if line[:11].lower() == b"message-id:":
                self._ids.append(line[11:].strip().decode(errors="replace"))
        self._read_to += complete
        return list(self._ids)

    def count(self) -> int:
        if self.python_sink is not None:
            return len(self.python_sink.message_ids)
        return len(self.message_ids())

    def reset(self) -> None:
        """Forget what arrived (between rounds)."""
        if self.python_sink is not None:
            self.python_sink.message_ids.clear()
        else:
            dump = self.dump_file()
            if dump is not None:
                with dump.open("r+b") as fh:
                    fh.truncate(0)
            self._read_to, self._ids = 0, []

    def ceiling(self, messages: int, size: int = 11 * 1024, sessions: int = 4) -> float:
        """msgs/s Postfix's smtp-source reaches against the plain sink (the sink's own ceiling), NaN without it."""
        if not (self.smtp_sink and self.smtp_source):
            return float("nan")
        self.message_ids()  # what OpenLux delivered so far is counted before smtp-source writes
        started = time.perf_counter()
        subprocess.run([self.smtp_source, "-d", "-s", str(sessions), "-m", str(messages), "-l", str(size),
                        "-f", "bench@example.com", "-t", "sink@example.org", f"127.0.0.1:{self.plain_port}"],
                       check=True, capture_output=True)
        took = time.perf_counter() - started
        dump = self.dump_file()
        if dump is not None:
            with dump.open("rb") as fh:  # smtp-source's mail is not OpenLux's: skip past it
                fh.seek(0, os.SEEK_END)
                self._read_to = fh.tell()
        return messages / took

    def stop(self) -> None:
        for proc in self.procs:
            stop(proc)
        if self.python_sink is not None:
            self.python_sink.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _wait_tcp(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)
    raise SystemExit(f"the sink on port {port} did not come up")


class _SinkProtocol(asyncio.Protocol):
    """Just enough ESMTP to take pipelined mail: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.buffer = b""
        self.in_data = False
        self.data: list[bytes] = []
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: Any) -> None:
        self.transport = transport
        transport.write(b"220 sink.bench ESMTP\r\n")

    def data_received(self, chunk: bytes) -> None:
        self.buffer += chunk
        out = []
        while True:
            end = self.buffer.find(b"\r\n")
            if end < 0:
                break
            line, self.buffer = self.buffer[:end], self.buffer[end + 2:]
            if self.in_data:
                if line == b".":
                    self.in_data = False
                    for header in self.data:
                        if header[:11].lower() == b"message-id:":
                            self.ids.append(header[11:].strip().decode(errors="replace"))
                            break
                    self.data = []
                    out.append(b"250 2.0.0 Ok: queued")
                elif line and len(self.data) < 200 and not any(x == b"" for x in self.data):
                    self.data.append(line)
                elif not line:
                    self.data.append(b"")
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                out.append(b"250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600")
            elif verb == b"DATA":
                self.in_data = True
                out.append(b"354 End data with <CR><LF>.<CR><LF>")
            elif verb == b"QUIT":
                out.append(b"221 Bye")
                assert self.transport is not None
                self.transport.write(b"\r\n".join(out) + b"\r\n")
                self.transport.close()
                return
            else:
                out.append(b"250 Ok")
        if out and self.transport is not None:
            self.transport.write(b"\r\n".join(out) + b"\r\n")


class PythonSink:
    """The fallback sink: an asyncio loop in a thread, plain and (optionally) implicit-TLS listeners."""

    def __init__(self, port: int) -> None:
        self.message_ids: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.servers: list[asyncio.AbstractServer] = []
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._listen(port, None)

    def _listen(self, port: int, ssl_context: Any) -> None:
        async def make() -> asyncio.AbstractServer:
            return await self.loop.create_server(lambda: _SinkProtocol(self.message_ids), "127.0.0.1", port,
                                                 ssl=ssl_context)

        self.servers.append(asyncio.run_coroutine_threadsafe(make(), self.loop).result(10))

    def add_tls_listener(self, port: int, cert: Path, key: Path) -> None:
        import ssl

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self._listen(port, context)

    def stop(self) -> None:
        for server in self.servers:
            self.loop.call_soon_threadsafe(server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) a process, its threads and its live child processes (`worker --processes`)
    have used so far (Linux /proc), NaN elsewhere. CPU per message is the figure that holds on a shared
    machine, where wall-clock rates swing with load."""
    stats: dict[int, tuple[int, float]] = {}  # pid -> (parent pid, CPU seconds)
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    if pid not in stats:
        return float("nan")
    tree, total = [pid], 0.0
    while tree:
        current = tree.pop()
        total += stats[current][1]
        tree += [child for child, (parent, _cpu) in stats.items() if parent == current]
    return total


def wait_for_count(sink: Sink, expected: int, timeout: float,
                   on_poll: Callable[[float, int], None] | None = None) -> float:
    """Poll the sink until it has `expected` messages; the perf_counter time when it had them.
    `on_poll(time, count)` sees every poll (a timeline of the run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = sink.count()
        if on_poll is not None:
            on_poll(time.perf_counter(), count)
        if count >= expected:
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"the sink got {sink.count()} of {expected} messages within {timeout:.0f}s")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def scratch(prefix: str) -> Path:
    """A temporary directory for one benchmark run, removed when the script exits."""
    path = Path(tempfile.mkdtemp(prefix=f"openlux-bench-{prefix}-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path
