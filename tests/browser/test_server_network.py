"""The server keeps to itself: started as `make run` starts it and used through every page, it reaches no
address but loopback (Python's audit hook, tests/browser/network_audit/, sees every socket it opens)."""

from __future__ import annotations

import base64
import json
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from summit.briefing.images import OFFLINE_PROXY, WORKER_CALL, find_browser
from summit.dataset import Dataset
from summit_ui.pages import PAGES, PageKind
from summit_ui.tables import PROFILE_PARAM

AUDIT_DIR = Path(__file__).resolve().parent / "network_audit"
AUDIT_ENV = "NETWORK_AUDIT_LOG"
HANDOUTS_TIMEOUT_MS = 180_000  # drawing the charts starts a browser on the server
PROCESS_EVENTS = {"subprocess.Popen", "os.posix_spawn", "os.exec"}


def page_paths(dataset: Dataset) -> list[str]:
    """Every page of the navigation as a URL path, from the page table app.py builds it from."""
    # The one-participant pages show a participant only when the URL names one.
    participant = dataset.meetings[-1].delegations[0].participant
    return [
        f"{page.path}?{PROFILE_PARAM}={participant}" if page.kind == PageKind.ONE_PARTICIPANT else page.path
        for page in PAGES
    ]


def read_audit(path: Path) -> list[dict]:
    """The audit's records, one per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def describe(records: list[dict]) -> str:
    return "\n".join(f"pid {r['pid']}: {r['event']} {r.get('host')!r}:{r.get('port')}" for r in records)


@pytest.fixture
def audit_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file that every Python process started from now on writes its network audit to."""
    log = tmp_path / "network-audit.jsonl"
    log.touch()
    # The server inherits this process's environment (launch_streamlit copies it).
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(AUDIT_DIR), os.environ.get("PYTHONPATH")) if p))
    monkeypatch.setenv(AUDIT_ENV, str(log))
    return log


def test_the_server_used_through_every_page_reaches_nothing_but_loopback(
    audit_log, start_app, page, wait_for_app, error_boxes, bundled_dataset
):
    # As `make run` starts it: server.address unset is the case in which Streamlit looks up the
    # machine's addresses at start (the other tests' servers set it to 127.0.0.1, which skips that).
    base_url = start_app(address=None)
    port = urlsplit(base_url).port
    paths = page_paths(bundled_dataset)
    assert len(paths) >= 9 and "/briefing" in paths, paths

    for path in paths:
        page.goto(base_url + path)
        wait_for_app(page)
        assert error_boxes(page) == [], path
    # The one action that starts processes on the server: the briefing's handouts draw their charts with
    # Kaleido, in a Python worker that drives a local Chromium.
    page.locator(".st-key-briefing_handouts button:visible").click()
    page.get_by_role("dialog").wait_for()
    page.locator(".st-key-briefing_prepare button:visible").click()
    page.locator(".st-key-briefing_pptx button:visible").wait_for(timeout=HANDOUTS_TIMEOUT_MS)
    assert error_boxes(page) == []

    records = read_audit(audit_log)
    starts = [r for r in records if r["event"] == "audit.start"]
    server_pid = next(r["pid"] for r in starts if "streamlit" in r["argv"])
    # The hook ran inside the server: it saw the server open its own port.
    assert any(r["event"] == "socket.bind" and r["port"] == port and r["pid"] == server_pid for r in records)
    refused = [r for r in records if r.get("refused")]
    assert refused == [], "The server tried to reach addresses that are not loopback:\n" + describe(refused)
    # The processes it started, each named: the chart worker and choreographer's pipe wrapper (Python, so
    # audited above like the server), and the browser they drive, which is native code: the hook cannot see
    # its sockets, so the test checks that it is started behind the closed loopback proxy.
    started = [r["argv"] for r in records if r["event"] in PROCESS_EVENTS]
    browser = find_browser()
    assert browser is not None
    worker = [a for a in started if a[1:3] == ["-c", WORKER_CALL]]
    wrapper = [a for a in started if Path(a[0]).name == Path(sys.executable).name and a[1].endswith("_wrapper.py")]
    browsers = [a for a in started if a[0] == browser]
    assert len(worker) == len(wrapper) == len(browsers) == 1, started
    assert len(started) == 3, started
    assert f"--proxy-server={OFFLINE_PROXY}" in browsers[0]
    assert urlsplit(OFFLINE_PROXY).hostname == "127.0.0.1"
    assert any(r["argv"][1:3] == ["-c", WORKER_CALL] for r in starts), "the chart worker was audited too"


class OutsideAddressError(Exception):
    """The server tried to reach an address that is not loopback."""


def websocket_handshake(port: int, origin: str) -> str:
    """Open the app's websocket with this Origin header (as a page of that origin would); the status line."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request.encode())
        return connection.makefile("rb").readline().decode().strip()


@pytest.mark.xfail(
    raises=OutsideAddressError,
    strict=True,
    reason="Streamlit 1.67 looks up this machine's addresses (a socket to 8.8.8.8, checkip.amazonaws.com) "
    "before refusing a websocket from an origin that is not its own, on every such request; no setting "
    "stops it short of server.enableCORS=false, which accepts every origin (docs/deployment.md)",
)
def test_a_websocket_from_another_origin_is_refused_without_a_lookup(audit_log, start_app):
    port = urlsplit(start_app()).port
    assert websocket_handshake(port, f"http://localhost:{port}").startswith("HTTP/1.1 101")  # own origin: no lookup
    assert websocket_handshake(port, "http://elsewhere.example").startswith("HTTP/1.1 403")
    refused = [r for r in read_audit(audit_log) if r.get("refused")]
    if refused:
        raise OutsideAddressError(describe(refused))
