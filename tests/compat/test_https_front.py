"""HTTPS front for LuxSci's clients: `openlux serve --tls` with a local, name-constrained CA.

Each client trusts only the generated CA and reaches the server by the name LuxSci's clients
hard-code (rest.luxsci.com), resolved to loopback: curl with --resolve, PHP's curl extension with
curl.cainfo, Python with SSL_CERT_FILE. These are the commands docs/clients.md gives.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509

from tests.support.cli import invoke
from tests.support.server import free_port, openapi_status, openlux_bin, start_logged

NAMES = "localhost,127.0.0.1,rest.luxsci.com"


@dataclass
class HttpsServer:
    port: int
    ca: Path
    credentials: dict
    process: subprocess.Popen


@pytest.fixture(scope="module")
def https_server() -> Iterator[HttpsServer]:
    tmp = Path(tempfile.mkdtemp(prefix="openlux-https-"))
    port = free_port()
    env = {
        **os.environ,
        "OPENLUX_DATA_DIR": str(tmp / "data"),
        "OPENLUX_HTTP_PORT": str(port),
        "OPENLUX_SUBMISSION_PORT": str(free_port()),
        "OPENLUX_INBOUND_PORT": str(free_port()),
        "OPENLUX_TLS_NAMES": NAMES,
    }
    env.pop("OPENLUX_DATABASE_URL", None)
    init = invoke("init", "--json", "--password", "Correct-Horse-2024", env=env, check=True)
    process = start_logged([openlux_bin(), "serve", "--tls"], env, tmp / "serve.log")
    ca = tmp / "data" / "tls" / "ca.crt"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, (tmp / "serve.log").read_text()
        if ca.exists() and _answers(port, ca):
            break
        time.sleep(0.2)
    else:
        raise AssertionError((tmp / "serve.log").read_text())
    try:
        yield HttpsServer(port, ca, json.loads(init.stdout.strip().splitlines()[-1]), process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


def _answers(port: int, ca: Path) -> bool:
    try:
        return openapi_status(port, timeout=2, tls=ssl.create_default_context(cafile=str(ca))) == 200
    except OSError:
        return False


def test_generated_ca_is_name_constrained_to_the_configured_names(https_server: HttpsServer) -> None:
    ca = x509.load_pem_x509_certificate(https_server.ca.read_bytes())
    constraints = ca.extensions.get_extension_for_class(x509.NameConstraints)
    assert constraints.critical
    permitted = {str(n.value) for n in constraints.value.permitted_subtrees}
    assert permitted == {"localhost", "rest.luxsci.com", "127.0.0.1/32"}
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is installed by .ci/run")
def test_curl_resolve_to_rest_luxsci_com(https_server: HttpsServer) -> None:
    out = subprocess.run(
        [
            "curl",
            "-sS",
            "--fail",
            "--cacert",
            str(https_server.ca),
            "--resolve",
            f"rest.luxsci.com:{https_server.port}:127.0.0.1",
            f"https://rest.luxsci.com:{https_server.port}/perl/api/v2/openapi.json",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["openapi"].startswith("3.")
    # without the CA the same call is refused: the certificate is not trusted by default
    bare = subprocess.run(
        [
            "curl",
            "-sS",
            "--resolve",
            f"rest.luxsci.com:{https_server.port}:127.0.0.1",
            f"https://rest.luxsci.com:{https_server.port}/perl/api/v2/openapi.json",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert bare.returncode != 0


PHP_AUTH = r"""
$port = getenv('OPENLUX_PORT'); $token = getenv('TOKEN'); $secret = getenv('SECRET');
$date = time(); $sig = hash_hmac("sha256", "$token\n$date\n", $secret);
$ch = curl_init("https://rest.luxsci.com:$port/perl/api/v2/auth");
curl_setopt($ch, CURLOPT_RESOLVE, array("rest.luxsci.com:$port:127.0.0.1"));
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(array('token' => $token, 'date' => $date, 'signature' => $sig)));
curl_setopt($ch, CURLOPT_HTTPHEADER, array('Content-Type: application/json'));
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$out = curl_exec($ch);
if ($out === false) { fwrite(STDERR, curl_error($ch)); exit(2); }
echo $out;
"""


@pytest.mark.skipif(shutil.which("php") is None, reason="php-cli and php-curl are installed by .ci/run")
def test_php_curl_with_curl_cainfo(https_server: HttpsServer) -> None:
    creds = https_server.credentials
    env = {
        **os.environ,
        "OPENLUX_PORT": str(https_server.port),
        "TOKEN": creds["account_token"],
        "SECRET": creds["account_secret"],
    }
    out = subprocess.run(
        ["php", "-d", f"curl.cainfo={https_server.ca}", "-r", PHP_AUTH],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr + out.stdout
    answer = json.loads(out.stdout)
    assert answer["success"] == 1 and answer["auth"], answer
    refused = subprocess.run(["php", "-r", PHP_AUTH], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2  # without curl.cainfo the CA is not trusted


PYTHON_SDK = """
import os
from openlux.client import Client
c = Client(os.environ["API"], os.environ["TOKEN"], os.environ["SECRET"], user=os.environ["LOGIN"],
           password=os.environ["PASSWORD"])
print(c.get_user()["user"])
"""


def test_python_sdk_with_ssl_cert_file(https_server: HttpsServer) -> None:
    creds = https_server.credentials
    env = {
        **os.environ,
        "API": f"https://localhost:{https_server.port}",
        "TOKEN": creds["user_token"],
        "SECRET": creds["user_secret"],
        "LOGIN": creds["user"],
        "PASSWORD": creds["password"],
    }
    trusted = subprocess.run(
        [sys.executable, "-c", PYTHON_SDK],
        env={**env, "SSL_CERT_FILE": str(https_server.ca)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert trusted.returncode == 0, trusted.stderr
    assert trusted.stdout.strip() == creds["user"]
    untrusted = subprocess.run([sys.executable, "-c", PYTHON_SDK], env=env, capture_output=True, text=True, timeout=60)
    assert untrusted.returncode != 0 and "CERTIFICATE_VERIFY_FAILED" in untrusted.stderr
