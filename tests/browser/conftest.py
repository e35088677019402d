"""Fixtures of the real-browser tests; what they drive is in browser_harness/ (shared with bench and scripts).

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

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

from browser_harness import frontend, grid, maps
from browser_harness.chromium import CHROMIUM, CHROMIUM_ARGS
from browser_harness.guard import watch_page
from browser_harness.server import APP_SCRIPT, StreamlitServer, launch_streamlit
from summit.dataset import BUNDLED_DATA, Dataset, load_dataset

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
DEFAULT_VIEWPORT = (1280, 720)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test (`-m "not browser"` skips them)."""
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


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
        watch_page(page, context)
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


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    """The bundled dataset the app_server shows, loaded by the core: the expected names and sentences."""
    result = load_dataset(BUNDLED_DATA)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


# Harness functions as fixtures, so that a test's signature names every helper it uses.
@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    """wait_for_app(page): wait until the Streamlit app finished running."""
    return frontend.wait_for_app


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """screenshot(page, name): save artifacts/screenshots/NAME.png."""
    return frontend.save_screenshot


@pytest.fixture
def error_boxes() -> Callable[[Page], list[str]]:
    """error_boxes(page): texts of the st.error boxes and exceptions shown."""
    return frontend.read_error_boxes


@pytest.fixture
def grid_row_count() -> Callable[[Locator], int]:
    """grid_row_count(locator of an stDataFrame): its number of data rows."""
    return grid.count_grid_rows


@pytest.fixture
def grid_texts() -> Callable[[Locator], list[str]]:
    """grid_texts(locator of an stDataFrame): the first column of every row, scrolling through the grid."""
    return grid.read_grid_texts


@pytest.fixture
def click_grid_row() -> Callable[[Locator, int], str]:
    """click_grid_row(grid, index): select that row with its checkbox; returns its first cell's text."""
    return grid.click_grid_row


@pytest.fixture
def map_pixels() -> Callable[..., maps.MapPixels]:
    """map_pixels(page, index=0): the map canvas's pixels now."""
    return maps.read_map_pixels


@pytest.fixture
def wait_for_map() -> Callable[..., maps.MapPixels]:
    """wait_for_map(page, neutral='#DDDDDD'): wait until the map's shapes are drawn; returns its pixels."""
    return maps.wait_for_map
