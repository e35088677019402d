"""Shared fixtures for the real-browser tests: a Streamlit server, headless Chromium and page helpers.

Every test in tests/browser gets the `browser` marker. Typical use:

    def test_overview(app_server, page, wait_for_app, error_boxes, screenshot):
        page.goto(app_server)
        wait_for_app(page)
        assert error_boxes(page) == []
        assert page.console_errors == []
        screenshot(page, "overview")

The `page` fixture fails the test at teardown if the page requested anything outside localhost.
Server output (with tracebacks, which the browser only shows redacted) goes to artifacts/logs/.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_TESTS_DIR.parents[1]
APP_SCRIPT = REPO_ROOT / "app.py"
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
SERVER_LOG_DIR = REPO_ROOT / "artifacts" / "logs"

# Debian's Chromium, installed by scripts/install-browser.sh; `playwright install` cannot work here.
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google's hosts (FIELD-NOTES.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SERVER_START_TIMEOUT_S = 60
POLL_INTERVAL_S = 0.1
DEFAULT_VIEWPORT = (1280, 720)

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# URL schemes that never touch the network (inline images, web-worker blobs, blank frames).
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

# Console errors that are noise from the test environment, not from the app: (pattern, reason).
# Empty so far: headless Chromium's WebGL "GPU stall" messages are warnings, which are not recorded.
ALLOWED_CONSOLE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = ()

# The Streamlit frontend (1.67) marks its run state on the root element:
# data-test-script-state is "initial" before the first run, then "running", "rerunRequested",
# "stopRequested", "notRunning" or "compilationError"; elements of the previous run carry
# data-stale="true" until the run that replaces them ends.
APP_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    const state = app.getAttribute('data-test-script-state');
    if (state !== 'notRunning' && state !== 'compilationError') return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    return document.querySelector('[data-stale="true"]') === null;
}"""

# st.error(...) renders stAlertContentError; an exception renders stException around one (with
# Copy / Ask Google buttons). Each box is reported once, an exception by its stExceptionMessage.
ERROR_BOXES_JS = """() => {
    const selector = '[data-testid="stAlertContentError"], [data-testid="stException"]';
    return Array.from(document.querySelectorAll(selector))
        .filter((box) => box.parentElement.closest(selector) === null)
        .map((box) => {
            const message = box.querySelector('[data-testid="stExceptionMessage"]');
            return (message || box).innerText.trim();
        });
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test (`-m "not browser"` skips them)."""
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """A `streamlit run` process serving one script on localhost."""

    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def stop(self) -> None:
        """Terminate the server and every process it started."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, sig)


def _server_output(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace")[-20_000:]


def _health_ok(port: int) -> bool:
    # No proxies: a proxy set in the environment must not intercept loopback requests.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def launch_streamlit(script: Path, data_dir: Path | None = None) -> StreamlitServer:
    """Start `streamlit run script` from the repo root and wait until its health check answers.

    SUMMIT_DATA is removed from the environment (bundled data) unless `data_dir` is given.
    Fails the test with the server's output if it exits or stays unhealthy for 60 s.
    """
    script = Path(script).resolve()
    if not script.is_file():
        pytest.fail(f"Cannot start Streamlit: {script} does not exist.")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "SUMMIT_DATA"}
    if data_dir is not None:
        env["SUMMIT_DATA"] = str(Path(data_dir).resolve())
    SERVER_LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = SERVER_LOG_DIR / f"streamlit-{script.stem}-{port}.log"
    command = [
        # The interpreter running pytest is the project venv's (make test runs .venv/bin/python).
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        # Loopback only: a test server is not for the network.
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log_path.open("wb") as log:
        # cwd = repo root, so .streamlit/config.toml applies; own process group, so stop() ends all.
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = StreamlitServer(process=process, base_url=f"http://localhost:{port}", log_path=log_path)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not _health_ok(port):
        if process.poll() is not None:
            pytest.fail(
                f"Streamlit exited with code {process.returncode} before answering its health check.\n"
                f"Command: {' '.join(command)}\nServer output ({log_path}):\n{_server_output(log_path)}"
            )
        if time.monotonic() > deadline:
            server.stop()
            pytest.fail(
                f"Streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT_S} s.\n"
                f"Command: {' '.join(command)}\nServer output ({log_path}):\n{_server_output(log_path)}"
            )
        time.sleep(POLL_INTERVAL_S)
    return server


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """Base URL (http://localhost:PORT) of the dashboard running on the bundled data."""
    server = launch_streamlit(APP_SCRIPT)
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture
def start_app() -> Iterator[Callable[..., str]]:
    """Factory: start_app(data_dir=None, script=app.py) starts a server of the test's own, returns its URL."""
    servers: list[StreamlitServer] = []

    def start(data_dir: Path | None = None, script: Path = APP_SCRIPT) -> str:
        server = launch_streamlit(script, data_dir=data_dir)
        servers.append(server)
        return server.base_url

    try:
        yield start
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright, shared by the whole session."""
    if not CHROMIUM.exists():
        # A failure, not a skip: a skip would hide a missing install step in CI.
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` (as root) or `make browser`.")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def _is_allowed_console_error(text: str) -> bool:
    return any(pattern.search(text) for pattern, _reason in ALLOWED_CONSOLE_ERRORS)


def _record_console_error(page: Page, text: str) -> None:
    if not _is_allowed_console_error(text):
        page.console_errors.append(text)


def _watch(page: Page, context: BrowserContext) -> None:
    """Give the page lists that record what it does: external_requests, console_errors, failed_requests."""
    page.external_requests = []
    page.console_errors = []
    page.failed_requests = []

    def on_request_url(url: str) -> None:
        if not _is_local(url):
            page.external_requests.append(url)

    # Context-wide, so popups and frames opened by the page are covered too.
    context.on("request", lambda request: on_request_url(request.url))
    page.on("websocket", lambda websocket: on_request_url(websocket.url))
    page.on("requestfailed", lambda request: page.failed_requests.append(f"{request.url} {request.failure}"))
    page.on(
        "console",
        lambda message: _record_console_error(page, message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: _record_console_error(page, f"pageerror: {error}"))


@pytest.fixture
def page_at(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Factory: page_at(width, height) opens a fresh page with that viewport in its own context.

    Each page has `external_requests`, `console_errors` and `failed_requests` lists; the test
    fails at teardown if any page requested a URL outside localhost.
    """
    contexts: list[BrowserContext] = []
    pages: list[Page] = []

    def open_page(width: int = DEFAULT_VIEWPORT[0], height: int = DEFAULT_VIEWPORT[1]) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        _watch(page, context)
        pages.append(page)
        return page

    yield open_page

    for context in contexts:
        context.close()
    external = [url for page in pages for url in page.external_requests]
    if external:
        pytest.fail(
            "The page requested URLs outside localhost (the dashboard must work offline):\n"
            + "\n".join(sorted(set(external)))
        )


@pytest.fixture
def page(request: pytest.FixtureRequest, page_at: Callable[..., Page]) -> Page:
    """A fresh 1280×720 page; else: `@pytest.mark.parametrize("page", [(1920, 1080)], indirect=True)`."""
    width, height = getattr(request, "param", DEFAULT_VIEWPORT)
    return page_at(width, height)


def _wait_for_app(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until the Streamlit app is connected and its script run has finished.

    After an interaction (click, fill), the rerun may not have started yet when this is called:
    wait for something the interaction changes (`expect(...)`), then call this.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout_ms, polling=100)


def _screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG of the page to artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _error_boxes(page: Page) -> list[str]:
    """Texts of the error boxes on the page: st.error(...) messages and uncaught exceptions."""
    return page.evaluate(ERROR_BOXES_JS)


# The helpers are fixtures (not imports from conftest, which is ambiguous with several conftest.py).
@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    """wait_for_app(page): wait until the Streamlit app finished running."""
    return _wait_for_app


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """screenshot(page, name): save artifacts/screenshots/NAME.png."""
    return _screenshot


@pytest.fixture
def error_boxes() -> Callable[[Page], list[str]]:
    """error_boxes(page): texts of the st.error boxes and exceptions shown."""
    return _error_boxes
