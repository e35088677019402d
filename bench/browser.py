"""The app in headless Chromium: bytes sent per page load and filter change, time to the map, server memory.

Uses the browser harness (browser_harness/) to start `streamlit run app.py` and Chromium with its
offline flags, and for the "script finished" check. Bytes are counted as the browser receives
them: websocket frames (Playwright gives the payload after permessage-deflate), plus HTTP responses
the app asks for at run time (`/_stcore/message` for large cached messages, `/app/static/...`
for files such as the map geometry), plus the frontend's own JavaScript and CSS (`/static/...`),
reported apart because it is the same for every page and cached after the first visit.

Times come from the page's own clock (performance.now(), 0 = navigation start), sampled on every
animation frame, so Playwright's round trips are not counted.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from browser_harness.frontend import APP_IDLE_JS
from browser_harness.server import StreamlitServer
from browser_harness.widgets import pick_option
from summit_ui.pages import PAGES

TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 720}
# Each page's address, from the page table app.py builds its navigation from.
URL_PATHS = {spec.name: spec.url_path for spec in PAGES}
STATUS_LABEL = "Status"
# Status options picked, one more per filter change; run.py passes ones that change the map.
DEFAULT_STATUS_OPTIONS = ("Announced", "Signed or adopted", "Under consideration", "Ruled out", "Ongoing", "Delivered")

# Installed before any page script: records script-state changes and the last press: a mouse press, or the Enter
# that picks an option from the keyboard (pick_status), the moment the user commits the change either way.
RECORDER_JS = """
window.__bench = {states: [], press: 0};
new MutationObserver((mutations) => {
    for (const m of mutations) {
        window.__bench.states.push([m.target.getAttribute('data-test-script-state'), performance.now()]);
    }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
const pressed = () => {
    window.__bench.press = performance.now();
    window.__bench.pressHref = location.href;
};
document.addEventListener('mousedown', pressed, true);
document.addEventListener('keydown', (event) => { if (event.key === 'Enter') pressed(); }, true);
"""
# The page map (static/map/summit-map.mjs) sets data-drawn (a version) and data-drawn-at (its
# performance.now()) on its root once MapLibre has drawn the data it was last given.
MAP_ROOT_JS = "document.querySelector('.summit-map')"
# Navigation → map drawn: the time the map first drew its shapes.
MAP_DRAWN_JS = f"""() => {{
    const root = {MAP_ROOT_JS};
    return root && root.dataset.drawn ? Number(root.dataset.drawnAt) : false;
}}"""
# Before a filter change: remember the map and the version it has drawn.
HOOK_MAP_JS = f"""() => {{
    const root = {MAP_ROOT_JS};
    window.__bench.map = root && root.__summitMap;
    window.__bench.drawn = root && root.dataset.drawn;
    return !!window.__bench.map;
}}"""
# After a filter change: a run started after the press has ended, the table is no longer stale, and
# the map has drawn the new data; the time is the map's own (data-drawn-at), since the press.
FILTER_DONE_JS = f"""() => {{
    const bench = window.__bench;
    const idle = ({APP_IDLE_JS})();
    const ran = bench.states.some(([state, t]) => state === 'running' && t >= bench.press);
    // The sidebar writes the filter into the address: a changed address also proves the run happened.
    if (!idle || !(ran || location.href !== bench.pressHref)) return false;
    const root = {MAP_ROOT_JS};
    if (!root || !root.dataset.drawn || root.dataset.drawn === bench.drawn) return false;
    const ended = bench.states.find(([state, t]) => state === 'notRunning' && t >= bench.press);
    return Math.max(Number(root.dataset.drawnAt), ended ? ended[1] : 0) - bench.press;
}}"""
RUN_ENDED_JS = f"""() => {{
    const bench = window.__bench;
    const ran = bench.states.some(([state, t]) => state === 'running' && t >= bench.press);
    return ({APP_IDLE_JS})() && (ran || location.href !== bench.pressHref);
}}"""


@dataclass
class Traffic:
    """Bytes received by one page, by kind."""

    websocket: int = 0
    messages: int = 0  # /_stcore/message: large messages Streamlit sends by reference
    app_files: int = 0  # /app/static/...: files the app's elements fetch (map geometry)
    frontend: int = 0  # /static/... and /app/static/vendor/...: Streamlit's and MapLibre's JavaScript, CSS, fonts
    other: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)

    @property
    def page_bytes(self) -> int:
        """What the app sends for this view itself: websocket frames and messages fetched by reference."""
        return self.websocket + self.messages

    @property
    def app_bytes(self) -> int:
        """What the app sends for this view (without the frontend bundle)."""
        return self.websocket + self.messages + self.app_files

    def reset(self) -> None:
        """Start counting again."""
        self.websocket = self.messages = self.app_files = self.frontend = self.other = 0
        self.requests.clear()

    def on_frame(self, payload: bytes | str) -> None:
        """Count one websocket frame received."""
        self.websocket += len(payload) if isinstance(payload, bytes) else len(payload.encode())

    def on_request(self, request) -> None:
        """Count the body of one finished HTTP response."""
        try:
            size = max(0, request.sizes()["responseBodySize"])
        except PlaywrightError:  # the page closed before the sizes could be read
            return
        path = urlsplit(request.url).path
        if "/_stcore/message" in path:
            self.messages += size
        elif "/app/static/vendor/" in path or "/app/static/map/" in path:
            # Code the app ships (MapLibre, the map's module and stylesheet): frontend, like Plotly's bundle.
            self.frontend += size
        elif "/app/static/" in path:
            self.app_files += size
        elif "/static/" in path:
            self.frontend += size
        else:
            self.other += size
        self.requests.append((path, size))


def watch(page: Page) -> Traffic:
    """Count what `page` receives from now on."""
    traffic = Traffic()
    page.on("websocket", lambda ws: ws.on("framereceived", traffic.on_frame))
    page.on("requestfinished", traffic.on_request)
    page.add_init_script(RECORDER_JS)
    return traffic


def peak_rss_mb(server: StreamlitServer) -> float:
    """The server process's peak resident memory so far (VmHWM), in MB."""
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return round(kilobytes / 1024, 1)


def page_url(server: StreamlitServer, name: str, query: dict[str, str]) -> str:
    """Address of a page with its query parameters."""
    suffix = f"?{urlencode(query)}" if query else ""
    return f"{server.base_url}/{URL_PATHS[name]}{suffix}"


def _wait_for(page: Page, script: str, what: str, *, polling: float | str = "raf", arg: object = None):
    """page.wait_for_function, failing with what the page recorded and a screenshot."""
    try:
        return page.wait_for_function(script, arg=arg, timeout=TIMEOUT_MS, polling=polling)
    except PlaywrightError as error:
        shot = Path(tempfile.gettempdir()) / f"summit-bench-{int(time.time())}.png"
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=str(shot))
        # Plain values only: the map's objects (Plotly's div, MapLibre's map) hold cycles.
        recorded = page.evaluate(
            """() => JSON.stringify({...window.__bench, gd: undefined}, (key, value) =>
                value && typeof value === 'object' && !Array.isArray(value)
                    && Object.getPrototypeOf(value) !== Object.prototype ? undefined : value)"""
        )
        message = f"{page.url}: timed out waiting for {what}; recorded {recorded}; screenshot {shot}"
        raise RuntimeError(message) from error


def _wait_idle(page: Page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    _wait_for(page, APP_IDLE_JS, "the script run to end", polling=100)


def pick_status(page: Page, label: str) -> None:
    """Pick one more status in the Status filter, as a keyboard user would: the tests' picker
    (browser_harness.widgets.pick_option, robust to Streamlit closing the list when the page scrolls, and
    typing the option so it is first in a list longer than the screen)."""
    pick_option(page.get_by_role("combobox", name=STATUS_LABEL, exact=True), label)


@dataclass
class PageLoad:
    """One page opened in the browser and one filter change on it."""

    load: Traffic
    change: Traffic | None  # None when the page shows no filters
    map_ms: float | None  # navigation → map drawn, on a page with a map


def measure_page(context: BrowserContext, url: str, has_map: bool, status: str = DEFAULT_STATUS_OPTIONS[0]) -> PageLoad:
    """Bytes received opening url (until the run ends and any map is drawn), then for one filter change."""
    page = context.new_page()
    try:
        traffic = watch(page)
        page.goto(url, timeout=TIMEOUT_MS)
        _wait_idle(page)
        # The map fetches its geometry once it is created: wait for it, so the fetch is counted.
        map_ms = _wait_for(page, MAP_DRAWN_JS, "the map drawn").json_value() if has_map else None
        load = replace(traffic, requests=list(traffic.requests))
        traffic.reset()
        if not page.get_by_role("combobox", name=STATUS_LABEL, exact=True).is_visible():
            return PageLoad(load, None, map_ms)  # a page that hides the sidebar (the briefing)
        pick_status(page, status)
        _wait_for(page, RUN_ENDED_JS, "the rerun after a filter change", polling=100)
        return PageLoad(load, replace(traffic, requests=list(traffic.requests)), map_ms)
    finally:
        page.close()


# Where a cold load's time goes, in ms since navigation start.
LOAD_STEPS_JS = """(drawn) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resource = (part) => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(part));
        return entry ? entry.responseEnd : null;
    };
    const states = window.__bench.states;
    const root = document.querySelector('.summit-map');
    const first = states.find(([s]) => s === 'running');
    const ended = states.find(([s]) => s === 'notRunning');
    return {
        html_received: nav ? nav.responseEnd : null,
        dom_content_loaded: nav ? nav.domContentLoadedEventEnd : null,
        first_run_started: first ? first[1] : null,
        first_run_ended: ended ? ended[1] : null,
        map_library_received: resource('maplibre-gl.mjs'),
        geometry_received: resource('.geojson'),
        map_first_paint: root && root.dataset.firstPaintAt ? Number(root.dataset.firstPaintAt) : null,
        map_drawn: drawn,
    };
}"""
# Where a filter change's time goes, in ms since the press on the option. "map replaced" says whether
# the map after the change is a new MapLibre map (1) or the same one repainted (0).
CHANGE_STEPS_JS = """() => {
    const bench = window.__bench;
    const root = document.querySelector('.summit-map');
    const after = (state) => {
        const found = bench.states.find(([s, t]) => s === state && t >= bench.press);
        return found ? found[1] - bench.press : null;
    };
    return {
        run_started: after('running'),
        run_ended: after('notRunning'),
        map_drawn: root && root.dataset.drawnAt ? Number(root.dataset.drawnAt) - bench.press : null,
        map_replaced: (root || {}).__summitMap !== bench.map ? 1 : 0,
    };
}"""


# "The same page without a map" (issue 16): the map's module, served in its place, mounts an empty
# element that tells the time it mounted the way the map tells when it drew (data-drawn, data-drawn-at),
# so the same waits time both. Streamlit still runs the page, sends the map's data and mounts the
# element: what is left out is MapLibre (library, worker, shapes, WebGL), the map's own cost.
MAP_MODULE_GLOB = "**/app/static/map/summit-map.mjs"
NO_MAP_MODULE_JS = """export default function (component) {
  let root = component.parentElement.querySelector(".summit-map");
  if (!root) {
    root = document.createElement("div");
    root.className = "summit-map";
    root.__summitMap = root;
    root.__version = 0;
    component.parentElement.appendChild(root);
  }
  root.__version += 1;
  root.dataset.drawnAt = String(performance.now());
  root.dataset.drawn = String(root.__version);
  return () => root.remove();
}"""


def leave_out_the_map(context: BrowserContext) -> None:
    """Serve the empty stand-in for the map's module to every page of `context`."""
    context.route(
        MAP_MODULE_GLOB,
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=NO_MAP_MODULE_JS),
    )


@dataclass
class Timings:
    """Times of the timed runs, and the median of each step on the way."""

    runs_ms: list[float]
    steps_ms: dict[str, float | None]
    app_bytes: int = 0  # cold loads: the most the app sent for one (websocket, messages, geometry)
    # Cold loads: navigation → the page's first run ended and the map shown, by the plain first paint
    # (static/map/summit-map.mjs firstPaint) or by MapLibre, whichever came first.
    shown_ms: list[float] = field(default_factory=list)


def _median_steps(steps: list[dict[str, float | None]]) -> dict[str, float | None]:
    keys = steps[0] if steps else {}
    medians = {}
    for key in keys:
        values = [s[key] for s in steps if s[key] is not None]
        medians[key] = round(statistics.median(values), 1) if values else None
    return medians


def time_cold_map_loads(browser: Browser, url: str, runs: int, *, without_map: bool = False) -> Timings:
    """Navigation → map drawn by MapLibre (and → map shown, `Timings.shown_ms`), each in a fresh browser
    context (empty cache), after one warm-up.

    `without_map`: the same page with the map left out (`leave_out_the_map`), to the map's element mounted.
    """
    times, shown, steps, payloads = [], [], [], []
    for i in range(runs + 1):
        context = browser.new_context(viewport=VIEWPORT)
        if without_map:
            leave_out_the_map(context)
        try:
            page = context.new_page()
            traffic = watch(page)
            page.goto(url, timeout=TIMEOUT_MS)
            drawn = _wait_for(page, MAP_DRAWN_JS, "the map drawn").json_value()
            _wait_idle(page)
            if i:
                step = page.evaluate(LOAD_STEPS_JS, drawn)
                # Without the map, the page is ready when its first run has ended too.
                ended = step["first_run_ended"] or 0
                times.append(max(drawn, ended) if without_map else drawn)
                shown.append(max(min(step["map_first_paint"] or drawn, drawn), ended))
                steps.append(step)
                payloads.append(traffic.app_bytes)
        finally:
            context.close()
    return Timings(times, _median_steps(steps), max(payloads, default=0), shown)


def time_filter_changes(
    browser: Browser,
    url: str,
    runs: int,
    statuses: Sequence[str] = DEFAULT_STATUS_OPTIONS,
    *,
    without_map: bool = False,
) -> Timings:
    """Press on a Status option → table and map redrawn, for `runs` new filter values after one warm-up.

    Each change adds one status; `statuses` must each change the map (a status with no pledge by a
    state leaves the figure as it was, and no redraw would ever come). `without_map`: the same page
    with the map left out, to the run ended and the map's element given the new data.
    """
    if len(statuses) < runs + 1:
        raise ValueError(f"{runs + 1} statuses needed, {len(statuses)} given")
    context = browser.new_context(viewport=VIEWPORT)
    if without_map:
        leave_out_the_map(context)
    times, steps = [], []
    try:
        page = context.new_page()
        watch(page)
        page.goto(url, timeout=TIMEOUT_MS)
        _wait_idle(page)
        _wait_for(page, MAP_DRAWN_JS, "the map drawn")
        for i, label in enumerate(statuses[: runs + 1]):
            if not page.evaluate(HOOK_MAP_JS):
                raise RuntimeError("no map on the page to time a filter change against")
            pick_status(page, label)
            elapsed = _wait_for(page, FILTER_DONE_JS, "the table and map redrawn").json_value()
            if i:
                times.append(elapsed)
                steps.append(page.evaluate(CHANGE_STEPS_JS))
    finally:
        context.close()
    return Timings(times, _median_steps(steps))
