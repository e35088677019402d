"""Debian's Chromium for Playwright, with the flags that keep it from calling Google's hosts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

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


def launch_options() -> dict[str, Any]:
    """Arguments for `playwright.chromium.launch(...)`, sync or async; raises if Chromium is not installed."""
    if not CHROMIUM.exists():
        # An error, never a skip: a skipped browser test would hide a missing install step in CI.
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` (as root) or `make browser`."
        )
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Headless Chromium driven by Playwright (sync API); both are stopped when the block ends."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        try:
            yield browser
        finally:
            browser.close()
