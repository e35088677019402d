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
Helpers for what only pixels or the canvas show: `grid_texts` / `grid_row_count` / `click_grid_row`
(st.dataframe draws on a canvas) and `wait_for_map` / `map_pixels` (the map is drawn by WebGL).
"""

from __future__ import annotations

import contextlib
import io
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
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from summit.dataset import BUNDLED_DATA, Dataset, load_dataset

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
# Failed loads the browser reports as console errors ("Failed to load resource: ... 404"), matched on
# the resource's URL (the message text does not name it): (pattern, reason).
ALLOWED_FAILED_LOADS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^http://(localhost|127\.0\.0\.1):\d+/[^?#]+/_stcore/(health|host-config)$"),
        "Opened on a page URL (/map), Streamlit's frontend first probes /map/_stcore/... for a base path, "
        "gets 404, then uses /_stcore/... (streamlit issue 7074); a 404 at the root is still an error.",
    ),
)

# The Streamlit frontend (1.67) marks its run state on the root element:
# data-test-script-state is "initial" before the first run, then "running", "rerunRequested",
# "stopRequested", "notRunning" or "compilationError"; elements of the previous run carry
# data-stale="true" until the run that replaces them ends. An element whose code the browser is
# still loading (charts, tables, segmented controls are loaded on first use) is an stSkeleton
# placeholder, even after the run has ended.
APP_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    const state = app.getAttribute('data-test-script-state');
    if (state !== 'notRunning' && state !== 'compilationError') return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
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


def launch_streamlit(script: Path, data_dir: Path | None = None, address: str | None = "127.0.0.1") -> StreamlitServer:
    """Start `streamlit run script` from the repo root and wait until its health check answers.

    SUMMIT_DATA is removed from the environment (bundled data) unless `data_dir` is given.
    `address=None` leaves `server.address` unset, as `make run` does (Streamlit then listens on every
    interface and runs its start-up code for that case); the default listens on loopback only.
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
        # Loopback only unless the test asks otherwise: a test server is not for the network.
        *(["--server.address", address] if address is not None else []),
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
    """Factory: start_app(data_dir=None, script=app.py, address="127.0.0.1") starts a server of the test's own,
    returns its URL."""
    servers: list[StreamlitServer] = []

    def start(data_dir: Path | None = None, script: Path = APP_SCRIPT, address: str | None = "127.0.0.1") -> str:
        server = launch_streamlit(script, data_dir=data_dir, address=address)
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


def _is_allowed_failed_load(message: ConsoleMessage) -> bool:
    if not message.text.startswith("Failed to load resource"):
        return False
    url = message.location.get("url", "")
    return any(pattern.search(url) for pattern, _reason in ALLOWED_FAILED_LOADS)


def _record_console_error(page: Page, text: str) -> None:
    if not _is_allowed_console_error(text):
        page.console_errors.append(text)


def _on_console(page: Page, message: ConsoleMessage) -> None:
    if message.type == "error" and not _is_allowed_failed_load(message):
        _record_console_error(page, message.text)


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
    page.on("console", lambda message: _on_console(page, message))
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


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    """The bundled dataset the app_server shows, loaded by the core: the expected names and sentences."""
    result = load_dataset(BUNDLED_DATA)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


# --- st.dataframe: a canvas grid (glide-data-grid) -------------------------------------------
# The cells are pixels, but the grid keeps an accessible <table role="grid"> inside its canvas with
# aria-rowcount (header included) and one <tr aria-rowindex> per row it has drawn: only the rows in
# view, so reading every row means scrolling. Rows and header have the same height.
GRID_TABLE = 'table[role="grid"]'
GRID_SCROLLER = ".dvn-scroller"
GRID_ROWS_JS = """(grid) => Array.from(grid.querySelectorAll('table[role="grid"] tbody tr')).map(
    (row) => [Number(row.getAttribute('aria-rowindex')), row.children[0] ? row.children[0].innerText : ''])"""
GRID_SHOWS_ROW_AFTER_JS = """([grid, after]) => Array.from(grid.querySelectorAll('table[role="grid"] tbody tr'))
    .some((row) => Number(row.getAttribute('aria-rowindex')) > after)"""
GRID_SHOWS_FIRST_ROW_JS = """(grid) => grid.querySelector('table[role="grid"] tbody tr[aria-rowindex="2"]') !== null"""
# Horizontal centre of the row-selection checkbox column at the grid's left edge.
ROW_MARKER_CENTRE_PX = 16
GRID_TIMEOUT_MS = 30_000


def _grid_row_count(grid: Locator) -> int:
    """Number of data rows of an st.dataframe (header not counted)."""
    table = grid.locator(GRID_TABLE).first
    table.wait_for(state="attached", timeout=GRID_TIMEOUT_MS)
    return int(table.get_attribute("aria-rowcount") or "1") - 1


def _grid_texts(grid: Locator) -> list[str]:
    """First visible column of every row of an st.dataframe, in display order (scrolls the grid)."""
    total = _grid_row_count(grid)
    if total == 0:
        return []
    handle = grid.element_handle()
    grid.locator(GRID_SCROLLER).first.evaluate("(scroller) => scroller.scrollTo(0, 0)")
    grid.page.wait_for_function(GRID_SHOWS_FIRST_ROW_JS, arg=handle, timeout=GRID_TIMEOUT_MS, polling=100)
    seen: dict[int, str] = {}
    while True:
        seen.update({index: text for index, text in grid.evaluate(GRID_ROWS_JS) if index >= 2})
        if len(seen) >= total:
            return [seen[index] for index in sorted(seen)]
        last = max(seen)
        grid.locator(GRID_SCROLLER).first.evaluate("(scroller) => scroller.scrollBy(0, scroller.clientHeight / 2)")
        grid.page.wait_for_function(GRID_SHOWS_ROW_AFTER_JS, arg=[handle, last], timeout=GRID_TIMEOUT_MS, polling=100)


def _click_grid_row(grid: Locator, index: int) -> str:
    """Tick the selection checkbox of data row `index` (0-based, in view); returns that row's first cell."""
    grid.scroll_into_view_if_needed()
    rows = dict(grid.evaluate(GRID_ROWS_JS))
    assert index + 2 in rows, f"row {index} is not drawn (rows in view: {sorted(rows)})"
    scroller = grid.locator(GRID_SCROLLER).first
    row_count = _grid_row_count(grid) + 1
    # The scroller's first child is as tall as header and rows together, however tall the grid is.
    content_height, scroll_top = scroller.evaluate(
        "(s) => [s.firstElementChild.getBoundingClientRect().height, s.scrollTop]"
    )
    row_height = content_height / row_count
    box = grid.locator("canvas").first.bounding_box()
    assert box is not None, "the grid's canvas is not laid out"
    x = box["x"] + ROW_MARKER_CENTRE_PX
    y = box["y"] + (index + 1.5) * row_height - scroll_top
    assert 0 <= y < grid.page.viewport_size["height"], f"row {index} is outside the viewport (y={y:.0f})"
    grid.page.mouse.click(x, y)
    return rows[index + 2]


@pytest.fixture
def grid_row_count() -> Callable[[Locator], int]:
    """grid_row_count(locator of an stDataFrame): its number of data rows."""
    return _grid_row_count


@pytest.fixture
def grid_texts() -> Callable[[Locator], list[str]]:
    """grid_texts(locator of an stDataFrame): the first column of every row, scrolling through the grid."""
    return _grid_texts


@pytest.fixture
def click_grid_row() -> Callable[[Locator, int], str]:
    """click_grid_row(grid, index): select that row with its checkbox; returns its first cell's text."""
    return _click_grid_row


# --- The map: drawn by MapLibre with WebGL, so only its pixels show it is there ---------------
# The page map's root (static/map/summit-map.mjs) and MapLibre's canvas in it.
MAP_ROOT = ".summit-map"
MAP_CANVAS = f"{MAP_ROOT} .maplibregl-canvas"
WHITE = (255, 255, 255)
# A participant's fill is a colour; white sea, grey non-participants, dark borders are not.
COLOURED_SPREAD = 40  # max minus min channel, 0..255
MAP_TIMEOUT_S = 60
MAP_POLL_MS = 100


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """'#DDDDDD' → (221, 221, 221)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True)
class MapPixels:
    """What the map's canvas shows on screen: the image and how many pixels have each colour."""

    image: Image.Image
    counts: dict[tuple[int, int, int], int]

    @property
    def total(self) -> int:
        """Pixels in the image."""
        return self.image.width * self.image.height

    def share_near(self, colour: str, tolerance: int = 3) -> float:
        """Share of pixels within `tolerance` (per channel) of a '#RRGGBB' colour."""
        target = hex_rgb(colour)
        near = (
            n
            for rgb, n in self.counts.items()
            if max(abs(a - b) for a, b in zip(rgb, target, strict=True)) <= tolerance
        )
        return sum(near) / self.total

    @property
    def non_white(self) -> float:
        """Share of pixels that are not the white background."""
        return 1 - self.counts.get(WHITE, 0) / self.total

    @property
    def coloured(self) -> float:
        """Share of pixels in a saturated colour (participant fills and markers)."""
        return sum(n for rgb, n in self.counts.items() if max(rgb) - min(rgb) > COLOURED_SPREAD) / self.total

    def colour_at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """Colour of the pixel at canvas coordinates (CSS pixels), None outside the canvas."""
        if 0 <= x < self.image.width and 0 <= y < self.image.height:
            return self.image.getpixel((int(x), int(y)))
        return None

    def most_coloured_near(self, x: float, y: float, radius: int = 3) -> tuple[int, int, int] | None:
        """The most saturated pixel within `radius` of a point: a thin island's fill, not its border."""
        near = [
            self.colour_at(x + dx, y + dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
        ]
        inside = [rgb for rgb in near if rgb is not None]
        return max(inside, key=lambda rgb: max(rgb) - min(rgb)) if inside else None


def _map_pixels(page: Page, index: int = 0) -> MapPixels:
    """Screenshot of the map canvas as the user sees it (overlays included), with its colour counts."""
    for attempt in range(3):
        try:
            png = page.locator(MAP_CANVAS).nth(index).screenshot(timeout=MAP_TIMEOUT_S * 1000)
            break
        except PlaywrightError as error:
            # The canvas is replaced when a page is opened again (a new map): take the new one.
            if "not attached" not in str(error) or attempt == 2:
                raise
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = {rgb: n for n, rgb in image.getcolors(maxcolors=image.width * image.height)}
    return MapPixels(image, counts)


def _wait_for_map(page: Page, *, neutral: str, index: int = 0, timeout_s: float = MAP_TIMEOUT_S) -> MapPixels:
    """Poll the map's pixels until the shapes are drawn: a fifth of the map is not white, and both the
    `neutral` grey of non-participants and participant colours show. Returns the drawn pixels."""
    page.locator(MAP_CANVAS).nth(index).wait_for(timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while True:
        pixels = _map_pixels(page, index)
        if pixels.non_white >= 0.2 and pixels.share_near(neutral, 0) >= 0.01 and pixels.coloured >= 0.005:
            return pixels
        if time.monotonic() > deadline:
            pytest.fail(
                f"The map was not drawn within {timeout_s} s: {pixels.non_white:.1%} not white, "
                f"{pixels.share_near(neutral, 0):.1%} grey {neutral}, {pixels.coloured:.1%} coloured."
            )
        page.wait_for_timeout(MAP_POLL_MS)  # poll interval, bounded by the deadline


@pytest.fixture
def map_pixels() -> Callable[..., MapPixels]:
    """map_pixels(page, index=0): the map canvas's pixels now."""
    return _map_pixels


@pytest.fixture
def wait_for_map() -> Callable[..., MapPixels]:
    """wait_for_map(page, neutral='#DDDDDD'): wait until the map's shapes are drawn; returns its pixels."""
    return _wait_for_map
