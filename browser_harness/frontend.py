"""What Streamlit's frontend shows in the page: whether a script run is over, its error boxes; screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from browser_harness.server import ARTIFACTS

SCREENSHOT_DIR = ARTIFACTS / "screenshots"

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


def wait_for_app(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until the Streamlit app is connected and its script run has finished.

    After an interaction (click, fill), the rerun may not have started yet when this is called:
    wait for something the interaction changes (`expect(...)`), then call this.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(APP_IDLE_JS, timeout=timeout_ms, polling=100)


def save_screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG of the page to artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def read_error_boxes(page: Page) -> list[str]:
    """Texts of the error boxes on the page: st.error(...) messages and uncaught exceptions."""
    return page.evaluate(ERROR_BOXES_JS)
