"""Fixtures of the real-browser tests; what they drive is browser_harness/ (which bench and scripts use too).

Every test in tests/browser gets the `browser` marker. The `page` fixture fails the test at teardown
if the page requested anything outside localhost; server output goes to artifacts/logs/.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from browser_harness import frontend, grid, maps
from browser_harness.chromium import launch_chromium
from browser_harness.guard import DEFAULT_VIEWPORT, WatchedPages
from browser_harness.server import APP_SCRIPT, launch_streamlit
from summit.dataset import BUNDLED_DATA, Dataset, load_dataset


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test (`-m "not browser"` skips them)."""
    for item in items:
        if Path(__file__).resolve().parent in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """Base URL (http://localhost:PORT) of the dashboard running on the bundled data."""
    with launch_streamlit(APP_SCRIPT) as server:
        yield server.base_url


@pytest.fixture
def start_app() -> Iterator[Callable[..., str]]:
    """Factory: start_app(data_dir=None, script=app.py, address="127.0.0.1") starts a server of its own."""
    with contextlib.ExitStack() as servers:

        def start(data_dir: Path | None = None, script: Path = APP_SCRIPT, address: str | None = "127.0.0.1") -> str:
            return servers.enter_context(launch_streamlit(script, data_dir, address)).base_url

        yield start


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium with the offline flags, shared by the whole session."""
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page_at(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Factory: page_at(width, height) opens a fresh page in its own context (lists: external_requests,
    console_errors, failed_requests); the test fails at teardown if any page requested outside localhost."""
    pages = WatchedPages(browser)
    yield pages.open
    pages.close()
    if failure := pages.offline_failure():
        pytest.fail(failure)


@pytest.fixture
def page(request: pytest.FixtureRequest, page_at: Callable[..., Page]) -> Page:
    """A fresh 1280×720 page; else: `@pytest.mark.parametrize("page", [(1920, 1080)], indirect=True)`."""
    return page_at(*getattr(request, "param", DEFAULT_VIEWPORT))


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    """The bundled dataset the app_server shows, loaded by the core: the expected names and sentences."""
    result = load_dataset(BUNDLED_DATA)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


def hand_over(name: str, function: Callable[..., Any]) -> Any:
    """A fixture that hands a harness function to the tests naming it (so a signature lists its helpers)."""

    def fixture() -> Callable[..., Any]:
        return function

    fixture.__doc__ = function.__doc__
    return pytest.fixture(name=name)(fixture)


wait_for_app = hand_over("wait_for_app", frontend.wait_for_app)  # wait_for_app(page)
screenshot = hand_over("screenshot", frontend.save_screenshot)  # screenshot(page, name) → artifacts/screenshots/
error_boxes = hand_over("error_boxes", frontend.read_error_boxes)  # error_boxes(page) → texts
grid_row_count = hand_over("grid_row_count", grid.count_grid_rows)  # grid_row_count(stDataFrame locator)
grid_texts = hand_over("grid_texts", grid.read_grid_texts)  # grid_texts(stDataFrame locator) → first column
click_grid_row = hand_over("click_grid_row", grid.click_grid_row)  # click_grid_row(grid, index) → first cell
map_pixels = hand_over("map_pixels", maps.read_map_pixels)  # map_pixels(page, index=0) → MapPixels
wait_for_map = hand_over("wait_for_map", maps.wait_for_map)  # wait_for_map(page, neutral=NEUTRAL) → MapPixels
