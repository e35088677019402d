"""Debian's Chromium for Playwright, with the flags that keep it from calling Google's hosts."""

from __future__ import annotations

from pathlib import Path

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
