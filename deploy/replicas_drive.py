"""Drive two dashboard replicas through nginx and check the routing (called by scripts/replicas.sh).

1. Health: /_stcore/health through the proxy, with route cookies chosen so that each replica answers;
   the same cookie always reaches the same replica.
2. Sessions: fresh browser contexts (one per visitor) open a filtered page through the proxy and
   change page, until both replicas have visitors.
3. Failover: one replica is stopped while a visitor is on it; the page reconnects through the proxy
   to the other replica, which shows the same filtered view (a new session); the next click works.
4. Stickiness, from nginx's routes log once the browsers are closed: every request of a visitor,
   websocket included, reached one replica (visitors of the stopped one: one before, the other after).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from browser_harness.chromium import launch_chromium  # noqa: E402 - after the path is set
from browser_harness.frontend import APP_IDLE_JS, ERROR_BOXES_JS  # noqa: E402

UPSTREAM_HEADER = "x-summit-upstream"
ROUTE_COOKIE = "summit_route"
FILTERED_PATH = "/participants?g=nato"
MIN_VISITORS, MAX_VISITORS = 6, 16
TIMEOUT_MS = 90_000


def answered_by(upstreams: str) -> str:
    """nginx lists every replica it tried ("a, b"): the last one answered."""
    return upstreams.split(", ")[-1]


def fetch(url: str, route: str | None = None) -> tuple[str, str]:
    """GET url (no proxy from the environment), optionally with a route cookie: the replica and the body."""
    request = urllib.request.Request(url, headers={"Cookie": f"{ROUTE_COOKIE}={route}"} if route else {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        return answered_by(response.headers.get(UPSTREAM_HEADER, "")), response.read().decode().strip()


def check_health(proxy: str, replicas: list[str]) -> None:
    """Find a route cookie per replica by trying; then each replica's health through the proxy, five times."""
    routes: dict[str, str] = {}
    for attempt in range(100):
        upstream, _body = fetch(f"{proxy}/_stcore/health", f"probe-{attempt}")
        routes.setdefault(upstream, f"probe-{attempt}")
        if set(replicas) <= set(routes):
            break
    for replica in replicas:
        answers = [fetch(f"{proxy}/_stcore/health", routes[replica]) for _ in range(5)]
        print(f"health via proxy, cookie {routes[replica]}: 5 answers {sorted(set(answers))}")
        assert set(answers) == {(replica, "ok")}, "the same cookie must reach the same replica"


def read_routes(log: Path) -> list[tuple[float, str, str, str]]:
    """nginx's routes log: (start time, route key, replica that answered, request line)."""
    rows = []
    for line in log.read_text().splitlines():
        ended, duration, key, upstreams, _status, request = line.split("|", 5)
        if upstreams != "-":
            rows.append((float(ended) - float(duration), key, answered_by(upstreams), request))
    return rows


def replicas_of(log: Path, key: str, *, before: float = float("inf"), after: float = 0.0) -> set[str]:
    return {replica for when, k, replica, _r in read_routes(log) if k == key and after <= when < before}


def open_visitor(browser: Browser, proxy: str) -> tuple[BrowserContext, Page, str]:
    """A new visitor (own cookies): open a filtered page through the proxy, then change page."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    response = page.goto(proxy + FILTERED_PATH)
    assert response is not None and response.ok, f"page load through the proxy failed: {response}"
    page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT_MS, polling=100)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pledges", exact=True).click()
    page.wait_for_url("**/pledges**", timeout=TIMEOUT_MS)
    page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT_MS, polling=100)
    assert page.evaluate(ERROR_BOXES_JS) == []
    assert "g=nato" in page.url, "the filter should stay in the address when the page changes"
    route = next(c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE)
    return context, page, route


def main() -> int:
    """Run the checks; an assertion error (exit 1) on the first failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proxy", required=True, help="http://127.0.0.1:PORT of nginx")
    parser.add_argument("--replicas", nargs=2, required=True, help="host:port of each replica")
    parser.add_argument("--pids", nargs=2, type=int, required=True, help="process id of each replica")
    parser.add_argument("--routes-log", type=Path, required=True)
    parser.add_argument("--screenshot", type=Path, required=True)
    args = parser.parse_args()
    log, (first, second) = args.routes_log, args.replicas

    check_health(args.proxy, args.replicas)
    with launch_chromium() as browser:
        visitors: dict[str, tuple[BrowserContext, Page]] = {}
        home: dict[str, str] = {}
        while len(visitors) < MAX_VISITORS:
            context, page, route = open_visitor(browser, args.proxy)
            visitors[route] = (context, page)
            (home[route],) = replicas_of(log, route)  # exactly one replica so far
            counts = [list(home.values()).count(r) for r in args.replicas]
            if len(visitors) >= MIN_VISITORS and min(counts) >= 2:
                break
        print(f"{len(visitors)} visitors through the proxy: {counts[0]} on {first}, {counts[1]} on {second}")
        assert min(counts) >= 1, "both replicas should have visitors"
        next(iter(visitors.values()))[1].screenshot(path=str(args.screenshot))

        # Failover: stop the first replica while a visitor is on it. The page loses its websocket,
        # reconnects through the proxy (to the other replica, a new session) and runs the page again.
        moved = next(route for route, replica in home.items() if replica == first)
        page = visitors[moved][1]
        stopped = time.time()
        os.killpg(args.pids[0], signal.SIGTERM)
        page.wait_for_function(f"() => !({APP_IDLE_JS})()", timeout=TIMEOUT_MS, polling=50)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT_MS, polling=100)
        seconds = time.time() - stopped
        kept = page.get_by_text("by NATO members", exact=False).count() > 0
        print(
            f"failover: stopped {first}; the visitor's page reconnected and showed {page.url.split('/')[-1]} "
            f"again after {seconds:.1f} s; filter still applied: {kept}; error boxes: {page.evaluate(ERROR_BOXES_JS)}"
        )
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Map", exact=True).click()
        page.wait_for_url("**/map**", timeout=TIMEOUT_MS)
        page.wait_for_function(APP_IDLE_JS, timeout=TIMEOUT_MS, polling=100)
        print(f"after the failover the visitor changed page normally; error boxes: {page.evaluate(ERROR_BOXES_JS)}")
        upstream, body = fetch(f"{args.proxy}/_stcore/health", moved)
        print(f"health via proxy with that visitor's cookie: {body!r} from {upstream}")
        assert upstream == second and kept

        for context, _page in visitors.values():
            context.close()

    # Websockets are logged when they close: wait until every visitor's is in the log.
    deadline = time.monotonic() + 30
    streams = []
    while time.monotonic() < deadline:
        streams = [(k, r) for _w, k, r, request in read_routes(log) if k in visitors and "/_stcore/stream" in request]
        if {k for k, _r in streams} == set(visitors):
            break
        time.sleep(0.5)
    per_replica = {r: sum(1 for _k, rr in streams if rr == r) for r in args.replicas}
    print(f"websocket connections per replica over the run (from the nginx log): {per_replica}")
    # Every visitor of the stopped replica reconnected (not only the one clicking), to the other one.
    for route in visitors:
        if home[route] == first:
            assert replicas_of(log, route, before=stopped) == {first}, f"visitor {route} not sticky"
            assert replicas_of(log, route, after=stopped) == {second}, f"visitor {route} not moved"
        else:
            assert replicas_of(log, route) == {second}, f"visitor {route} was not kept on one replica"
    print(
        "sticky: every request of every visitor (page, scripts, health, websocket) reached one replica; "
        f"after the stop, all {list(home.values()).count(first)} visitors of {first} were on {second}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
