"""Pages that record what they do: requests outside localhost (the app must work offline), console errors
and failed requests."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

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


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine (localhost, or a scheme with no network)."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def _is_allowed_console_error(text: str) -> bool:
    return any(pattern.search(text) for pattern, _reason in ALLOWED_CONSOLE_ERRORS)


def is_allowed_failed_load(message: ConsoleMessage) -> bool:
    """True for a "Failed to load resource" console error on a URL in ALLOWED_FAILED_LOADS."""
    if not message.text.startswith("Failed to load resource"):
        return False
    url = message.location.get("url", "")
    return any(pattern.search(url) for pattern, _reason in ALLOWED_FAILED_LOADS)


def _record_console_error(page: Page, text: str) -> None:
    if not _is_allowed_console_error(text):
        page.console_errors.append(text)


def _on_console(page: Page, message: ConsoleMessage) -> None:
    if message.type == "error" and not is_allowed_failed_load(message):
        _record_console_error(page, message.text)


def watch_page(page: Page, context: BrowserContext) -> None:
    """Give the page lists that record what it does: external_requests, console_errors, failed_requests."""
    page.external_requests = []
    page.console_errors = []
    page.failed_requests = []

    def on_request_url(url: str) -> None:
        if not is_local(url):
            page.external_requests.append(url)

    # Context-wide, so popups and frames opened by the page are covered too.
    context.on("request", lambda request: on_request_url(request.url))
    page.on("websocket", lambda websocket: on_request_url(websocket.url))
    page.on("requestfailed", lambda request: page.failed_requests.append(f"{request.url} {request.failure}"))
    page.on("console", lambda message: _on_console(page, message))
    page.on("pageerror", lambda error: _record_console_error(page, f"pageerror: {error}"))


class WatchedPages:
    """Opens pages, each in a browser context of its own, that record what they do (`watch_page`)."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.pages: list[Page] = []

    def open(self, width: int = DEFAULT_VIEWPORT[0], height: int = DEFAULT_VIEWPORT[1]) -> Page:
        """A fresh page with that viewport."""
        context = self.browser.new_context(viewport={"width": width, "height": height})
        self.contexts.append(context)
        page = context.new_page()
        watch_page(page, context)
        self.pages.append(page)
        return page

    def close(self) -> None:
        """Close every context opened, with its pages."""
        for context in self.contexts:
            context.close()

    def offline_failure(self) -> str | None:
        """What to fail a test with when any of the pages requested a URL outside localhost, else None."""
        external = sorted({url for page in self.pages for url in page.external_requests})
        if not external:
            return None
        return "The page requested URLs outside localhost (the dashboard must work offline):\n" + "\n".join(external)
