"""The console in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium).

One browser and the shared test server serve every test in order: an administrator signs in with
a password and TOTP, sees today's mail in the chart, opens a captured message whose HTML renders
in the sandboxed iframe, retries a deferred message, adds a suppression, creates an integration
and sees its secret once; then another tenant signs in and cannot reach the administrator's pages.
A screenshot of each page goes to $OPENLUX_TEST_ARTIFACTS (default tests/artifacts)/console-<backend>/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from openlux.console import totp
from openlux.core import time as clock
from openlux.mail.models import OutboundMessage, OutboundRecipient
from tests.console.helpers import PASSWORD, Tenant, new_tenant
from tests.console.test_console_http import send, wait_captured
from tests.support.dbquery import on_server_db
from tests.support.server import RunningServer

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
)

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install chromium and chromium-driver (.ci/run does)")
    pytest.skip(
        "chromium / chromium-driver not installed (apt-get install chromium chromium-driver)", allow_module_level=True
    )


class Console:
    """The browser, the server, where screenshots go, and what earlier steps made."""

    def __init__(self, driver, server: RunningServer, shots: Path) -> None:
        self.driver, self.server, self.shots = driver, server, shots
        self.admin: Tenant | None = None
        self.subject = f"Browser check {uuid.uuid4().hex[:6]}"
        self.queue_id = 0

    def open(self, path: str) -> None:
        self.driver.get(self.server.base_url + path)

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))

    def wait(self, css: str, timeout: float = 15):
        return WebDriverWait(self.driver, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def fill(self, values: dict[str, str]) -> None:
        for field_id, value in values.items():
            box = self.driver.find_element(By.ID, field_id)
            box.clear()
            box.send_keys(value)


@pytest.fixture(scope="module")
def console(server: RunningServer, backend: str) -> Iterator[Console]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="openlux-chromium-"))
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    root = Path(os.environ.get("OPENLUX_TEST_ARTIFACTS") or Path(__file__).resolve().parents[1] / "artifacts")
    shots = root / f"console-{backend}"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    try:
        yield Console(driver, server, shots)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_administrator_signs_in_and_sees_todays_mail_in_the_chart(console: Console) -> None:
    admin = console.admin = new_tenant(
        console.server, f"ops-{uuid.uuid4().hex[:6]}@example.com", own_account=False, admin=True
    )
    console.queue_id = send(
        console.server,
        console.subject,
        token=admin.token,
        secret=admin.secret,
        login=admin.login,
        password=admin.password,
        html='<p>Hello <b id="greeting">console</b><img src="https://tracker.example/p.gif" alt=""></p>',
    )
    wait_captured(console.server, console.queue_id)
    console.open("/")
    console.shot("landing")
    console.open("/console")  # → the login form
    console.wait("#login")
    console.fill({"login": admin.login, "password": PASSWORD})
    console.shot("login")
    console.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    secret = console.wait("#totp-secret").text
    console.shot("second-factor-enrolment")
    console.fill({"code": totp.code_at(secret, totp.current_step())})
    console.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    today = clock.utcnow().date().isoformat()
    bar = console.wait(f'svg[data-metric="sent"] rect[data-day="{today}"]')
    assert int(bar.get_attribute("data-value")) >= 1 and float(bar.get_attribute("height")) > 0
    assert (
        bar.is_displayed()
        and console.driver.find_element(By.CSS_SELECTOR, 'svg[data-metric="sent"]').size["width"] > 100
    )
    assert console.subject in console.driver.page_source
    console.shot("dashboard")
    console.driver.set_window_size(390, 900)  # phone width: the layout still works
    console.open("/console")
    console.wait("svg.chart")
    assert console.driver.execute_script("return document.documentElement.scrollWidth") <= 400
    console.shot("dashboard-phone")
    console.driver.set_window_size(1280, 1000)


def test_captured_message_html_renders_in_the_sandboxed_iframe(console: Console) -> None:
    console.open("/console/messages")
    console.driver.find_element(By.LINK_TEXT, console.subject).click()
    frame = console.wait("iframe.message")
    assert frame.get_attribute("sandbox") == "allow-same-origin"
    console.driver.switch_to.frame(frame)
    try:
        greeting = console.wait("#greeting")
        assert greeting.text == "console"
        image = console.driver.find_element(By.TAG_NAME, "img")
        assert console.driver.execute_script("return arguments[0].naturalWidth", image) == 0  # remote image blocked
    finally:
        console.driver.switch_to.default_content()
    assert "Load remote images" in console.driver.page_source
    console.shot("message")


def test_retry_now_makes_a_deferred_message_due(console: Console) -> None:
    later = clock.utcnow() + timedelta(hours=1)

    async def defer(session, ctx) -> None:
        await session.execute(
            update(OutboundRecipient)
            .where(OutboundRecipient.message_id == console.queue_id)
            .values(state="deferred", last_code=451, last_reply="451 4.7.1 Try again later")
        )
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id == console.queue_id)
            .values(state="queued", attempts=1, next_attempt_at=later)
        )

    on_server_db(console.server, defer)
    console.open("/console/queue")
    row = console.wait(f'tr[data-queue-id="{console.queue_id}"]')
    assert "451 4.7.1 Try again later" in row.text
    console.shot("queue")
    row.find_element(By.CSS_SELECTOR, "button[name=retry]").click()
    notice = console.wait("p.notice")
    assert "tried again now" in notice.text

    async def state(session, ctx):
        message = await session.get(OutboundMessage, console.queue_id)
        return message.state, message.next_attempt_at

    deadline = time.monotonic() + 20
    while True:
        current, due = on_server_db(console.server, state)
        if current != "queued" or due.replace(tzinfo=None) < later.replace(tzinfo=None) - timedelta(minutes=30):
            break
        assert time.monotonic() < deadline, "retry-now did not make the message due"
        time.sleep(0.1)
    console.shot("queue-after-retry")


def test_add_a_suppression(console: Console) -> None:
    address = f"no-mail-{uuid.uuid4().hex[:6]}@example.org"
    console.open("/console/suppressions")
    console.wait("#email")
    console.fill({"email": address, "note": "asked by phone"})
    console.driver.find_element(By.CSS_SELECTOR, "section form button[type=submit]").click()
    console.wait("p.notice")
    table = console.driver.find_element(By.ID, "suppressions").text
    assert address in table and "asked by phone" not in table.split(address)[0]
    console.shot("suppressions")


def test_create_an_integration_and_see_its_secret_once(console: Console) -> None:
    console.open("/console/admin/integrations")
    console.wait("#name")
    console.fill({"name": "Browser-made"})
    console.driver.find_element(By.ID, "create-integration").click()
    secret = console.wait("#issued-secret").text
    assert len(secret) >= 32
    console.shot("integration-created")
    console.open("/console/admin/integrations")
    console.wait("#integrations")
    assert "Browser-made" in console.driver.page_source and secret not in console.driver.page_source
    assert not console.driver.find_elements(By.ID, "issued-secret")


def test_every_page_renders(console: Console) -> None:
    for name, path, marker in (
        ("settings", "/console/settings", "#f-contact"),
        ("users", "/console/admin/users", "#login"),
        ("domains", "/console/admin/domains", "main h2"),
        ("keys", "/console/admin/keys", "#key"),
        ("messages", "/console/messages", "#q"),
    ):
        console.open(path)
        console.wait(marker)
        console.shot(name)
    console.open("/docs")
    console.wait("#operations-tag-user", timeout=30).click()  # Swagger UI started from the bundled assets
    console.wait("#operations-user-getUser .opblock-summary").click()
    description = console.wait("#operations-user-getUser .opblock-description-wrapper")
    assert "LuxSci operation" in description.text and "getUser" in description.text
    console.shot("docs")


def test_another_tenant_cannot_reach_the_administrators_pages(console: Console) -> None:
    other = new_tenant(
        console.server, f"other-{uuid.uuid4().hex[:6]}@b-{uuid.uuid4().hex[:6]}.example", own_account=True
    )
    console.open("/console/settings")
    console.wait("header .who button").click()  # sign out
    console.wait("#login")
    console.fill({"login": other.login, "password": PASSWORD})
    console.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    console.wait("svg.chart")
    assert console.subject not in console.driver.page_source
    console.open(f"/console/messages/{console.queue_id}")
    assert "No such message" in console.wait("main h1").text
    console.shot("other-tenant-message-refused")
    console.open("/console/admin/integrations")
    assert "Administrators only" in console.wait("main h1").text
    console.open(f"/console/messages/{console.queue_id}/html")
    assert "console" not in console.driver.find_element(By.TAG_NAME, "body").text
    console.shot("other-tenant-admin-refused")
