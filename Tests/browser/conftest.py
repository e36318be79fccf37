"""Browser tests for Samenwijzer: fixtures that start the real server and a headless Chromium.

The server is the debug binary (.build/debug/samenwijzer, or $SAMENWIJZER_BIN), started once per test session
on a free 127.0.0.1 port with a fresh data folder, and stopped with SIGTERM at the end. Chromium and
chromedriver come from Debian (chromium, chromium-driver); $CHROMIUM_BIN and $CHROMEDRIVER_BIN override the paths.
"""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("SAMENWIJZER_BIN", REPO / ".build" / "debug" / "samenwijzer"))
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")

WINDOW_WIDTH, WINDOW_HEIGHT = 1280, 900
STARTUP_TIMEOUT = 60  # seconds: the debug build loads and validates four modules first
WAIT = 10  # seconds for a page to load after a click

# A password that passes the server's rules (at least 10 characters).
PASSWORD = "lang-genoeg-wachtwoord-2026"


# --------------------------------------------------------------------------------------------------- the server


@dataclass
class Server:
    url: str
    data_dir: Path
    log_file: Path
    process: subprocess.Popen

    def log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture(scope="session")
def server() -> Server:
    if not BINARY.is_file():
        pytest.fail(f"The server binary {BINARY} is missing: build it first with `swift build`.")
    work = Path(tempfile.mkdtemp(prefix="samenwijzer-browser-"))
    data_dir = work / "data"
    data_dir.mkdir()
    log_file = work / "server.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(BINARY), "serve", "--port", str(port), "--data", str(data_dir),
        "--modules", str(REPO / "modules"), "--assets", str(REPO / "Assets"),
        # Mail on, to a port nobody listens on: the pages that need mail show their forms; messages wait in the queue.
        "--smtp-url", "smtp://127.0.0.1:9", "--smtp-from", "Samenwijzer <noreply@samenwijzer.test>",
    ]
    with open(log_file, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    srv = Server(url=url, data_dir=data_dir, log_file=log_file, process=process)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"The server stopped during start-up (exit code {process.returncode}):\n{srv.log()}")
            if "Samenwijzer luistert op" in srv.log() and _healthy(url):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"The server did not answer /healthz within {STARTUP_TIMEOUT} s:\n{srv.log()}")
            time.sleep(0.2)
        yield srv
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


# -------------------------------------------------------------------------------------------------- the browser


def make_driver(width: int = WINDOW_WIDTH, height: int = WINDOW_HEIGHT) -> WebDriver:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            pytest.fail(f"{path} is missing: install the Debian package {package}.")
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--password-store=basic", "--lang=nl-NL", f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"credentials_enable_service": False,
                                              "profile.password_manager_enabled": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture
def driver() -> WebDriver:
    """A fresh headless Chromium (no cookies) for each test, 1280x900."""
    browser = make_driver()
    try:
        yield browser
    finally:
        browser.quit()


# ---------------------------------------------------------------------------------------- driving the site


def unique_email() -> str:
    return f"leerling-{uuid.uuid4().hex[:12]}@voorbeeld.nl"


class Site:
    """Drives the learner site in one browser, like a person would, and fetches raw HTML with its cookies."""

    def __init__(self, driver: WebDriver, base_url: str):
        self.driver = driver
        self.base_url = base_url

    # Navigation

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url + "/", path.lstrip("/")) if not path.startswith("http") else path

    def path(self) -> str:
        """The current path with query, without the host (and without the #fragment)."""
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def open(self, path: str) -> None:
        self.driver.get(self.url(path))

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str) -> str:
        return self.find(css).text.strip()

    def wait_for_new_page(self, action) -> None:
        """Runs action (a click, a key press) and waits until the browser shows the next document."""
        # A mark on the old document's window: a new document has none.
        self.driver.execute_script("window.__samenwijzerOldPage = true;")
        action()
        try:
            WebDriverWait(self.driver, WAIT, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
                "return !window.__samenwijzerOldPage && document.readyState === 'complete';"))
        except TimeoutException:
            raise AssertionError(f"No new page loaded after the action; still on {self.driver.current_url}") from None

    def click(self, element: WebElement) -> None:
        self.wait_for_new_page(element.click)

    def click_link(self, text: str, within: str = "main") -> None:
        """Clicks the first link or button in `within` whose visible text starts with `text`."""
        for element in self.find_all(f"{within} a, {within} button"):
            if element.text.strip().startswith(text):
                self.click(element)
                return
        raise AssertionError(f"No link or button starting with {text!r} in {within} on {self.driver.current_url}")

    def fill(self, values: dict[str, str]) -> None:
        for field_id, value in values.items():
            element = self.find(f"#{field_id}")
            element.clear()
            element.send_keys(value)

    def submit_form(self, form_css: str = "main form") -> None:
        self.click(self.find(f"{form_css} button[type=submit]"))

    def h1(self) -> str:
        return self.text("h1")

    # Accounts

    def register(self, email: str | None = None, name: str = "Sanne de Vries", password: str = PASSWORD) -> str:
        email = email or unique_email()
        self.open("/registreren")
        self.fill({"naam": name, "email": email, "organisatie": "Steunpunt Mantelzorg",
                   "wachtwoord": password, "wachtwoord-herhaling": password})
        self.submit_form()
        assert not self.find_all(".error-summary"), f"Registration failed: {self.text('.error-summary')}"
        assert self.is_logged_in(), "After registering the header should offer 'Uitloggen'"
        return email

    def log_in(self, email: str, password: str = PASSWORD) -> None:
        self.open("/inloggen")
        self.fill({"email": email, "wachtwoord": password})
        self.submit_form()
        assert not self.find_all(".error-summary"), f"Login failed: {self.text('.error-summary')}"
        assert self.is_logged_in(), "After logging in the header should offer 'Uitloggen'"

    def log_out(self) -> None:
        button = self.find("header form[action='/uitloggen'] button")
        assert button.text.strip().startswith("Uitloggen")
        self.click(button)
        assert not self.is_logged_in(), "After logging out the header should not offer 'Uitloggen' any more"

    def is_logged_in(self) -> bool:
        return any(b.text.strip().startswith("Uitloggen") for b in self.find_all("header button"))

    # Raw HTML over HTTP, with the browser's cookies (the DOM from page_source is already repaired by the browser)

    def _opener(self) -> urllib.request.OpenerDirector:
        jar = http.cookiejar.CookieJar()
        host = urllib.parse.urlsplit(self.base_url).hostname
        for c in self.driver.get_cookies():
            jar.set_cookie(http.cookiejar.Cookie(
                version=0, name=c["name"], value=c["value"], port=None, port_specified=False,
                domain=host, domain_specified=False, domain_initial_dot=False,
                path=c.get("path", "/"), path_specified=True, secure=False, expires=None, discard=True,
                comment=None, comment_url=None, rest={"HttpOnly": ""}, rfc2109=False))
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def fetch(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        """GET (or POST `form`, with this page's _csrf token added) with the browser's cookies: (status, body)."""
        data = None
        if form is not None:
            form = {"_csrf": self.csrf_token(), **form}
            data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.url(path), data=data)
        try:
            with self._opener().open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def csrf_token(self) -> str:
        return self.find("input[name=_csrf]").get_attribute("value")


@pytest.fixture
def site(server: Server, driver: WebDriver) -> Site:
    return Site(driver, server.url)
