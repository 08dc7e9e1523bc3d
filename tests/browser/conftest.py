"""End-to-end fixtures: a real development server on a throw-away SQLite database with the
demo loaded, driven by Debian's Chromium through Playwright's sync API.

pytest-django's ``live_server`` is not used on purpose: it flushes tables between tests, and
the append-only audit table refuses that by design. Instead one server runs for the whole
session in its own temporary DEKKEND_VAR_DIR and is stopped at the end.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "dekkend-demo"  # the public demo password (refused in production)
DEMO_PUPILS = 300

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


@dataclass(frozen=True)
class DemoSite:
    url: str
    env: dict

    def shell(self, code: str) -> str:
        """Run Python in ``manage.py shell`` against the site's database; returns the last
        line it printed."""
        return _manage(self.env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> DemoSite:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian Chromium is missing: apt-get install -y chromium")
    vendor = ROOT / "var" / "static-vendor"
    if not (vendor / "utrecht-components.css").exists():
        pytest.skip("Front-end assets are missing: run ./dekkend setup")
    var_dir = tmp_path_factory.mktemp("dekkend-browser")
    shutil.copytree(vendor, var_dir / "static-vendor")
    env = {
        **os.environ,
        "DEKKEND_ENV": "development",
        "DEKKEND_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'browser.sqlite3'}",
        "DEKKEND_REQUIRE_SECOND_FACTOR": "false",
        "PYTHONUNBUFFERED": "1",
    }
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "load_demo", "--pupils", str(DEMO_PUPILS))
    port = _free_port()
    log = (var_dir / "runserver.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, str(MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/account/inloggen/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"runserver did not start; see {var_dir / 'runserver.log'}")
            time.sleep(0.3)
        yield DemoSite(url=url, env=env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, demo_site):
    """A fresh browser context (no cookies) per test, Dutch, a laptop-sized window."""
    context = browser.new_context(base_url=demo_site.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def sign_in(page):
    def do(username: str, password: str = DEMO_PASSWORD):
        page.goto("/account/inloggen/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("domcontentloaded")
        return page

    return do
