"""Load test: many browser sessions changing filters and pages against one server (run on demand, not in CI).

    .venv/bin/python scripts/loadtest.py [--sessions 20] [--duration 60] [--seed 1] [--ramp 3] [--linger 130]
                                         [--fixed-views]

Starts `streamlit run app.py` on the bundled data (the browser-test harness's launcher), opens one
headless Chromium with one context per session, opens each session's first page (staggered by
--ramp seconds), then lets all sessions loop together for the duration over random interactions,
each timed from the action to "settled" (script run over, nothing stale, no lazy element still a
skeleton):

- open:   load a random page with random filters in the URL (a new session, as a shared link does);
- page:   click another page in the sidebar navigation (same session, filters kept);
- search: type a word (or clear it) in the sidebar search box and press Enter;
- reset:  click "Reset filters".

Errors counted: error boxes and exceptions on the page, uncaught page errors, console errors,
interactions that did not settle within 120 s. The server's resident memory is sampled every
second. The browsers run on the same machine as the server, so the times are upper bounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from google.protobuf.message import DecodeError
from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251 - reads the server's messages

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from browser_harness.chromium import launch_options  # noqa: E402 - after the path is set
from browser_harness.frontend import APP_IDLE_JS, ERROR_BOXES_JS  # noqa: E402
from browser_harness.guard import is_allowed_failed_load  # noqa: E402
from browser_harness.server import APP_SCRIPT, launch_streamlit  # noqa: E402
from summit.dataset import BUNDLED_DATA, load_dataset  # noqa: E402
from summit.filters import FILTERS, MANY, MEETING, filter_options  # noqa: E402

# Sidebar navigation title → address, as in app.py.
PAGES = {
    "Overview": "",
    "Map": "map",
    "Participants": "participants",
    "Pledges": "pledges",
    "Who does what": "matrix",
    "Participant profile": "profile?participant=FRA",
    "Timeline": "timeline",
    "Sources & method": "sources",
}
SEARCH_WORDS = ["Macron", "troops", "Black Sea", "air", "ceasefire", ""]
# Interactions and how often each is picked: mostly clicks inside a session, sometimes a shared link.
KINDS, WEIGHTS = ["open", "page", "search", "reset"], [1, 5, 3, 1]
SETTLE_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 720}

# Script runs are counted from the server's messages, not from the page: a quick run can go from
# running to finished within one render, so the page's state attribute may never show "running".
FINISHED = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


class RunCounter:
    """Counts the script runs the server reports finished to one page (any document it loads)."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", lambda websocket: websocket.on("framereceived", self._on_frame))

    def _on_frame(self, payload: str | bytes) -> None:
        # script_finished is a few bytes; big frames are tables and charts, not worth decoding.
        if not isinstance(payload, bytes) or len(payload) > 256:
            return
        try:
            message = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished in FINISHED:
            self.finished += 1

    async def wait_beyond(self, count: int, timeout_s: float) -> None:
        """Wait until more than `count` runs have finished."""
        deadline = time.monotonic() + timeout_s
        while self.finished <= count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no script run finished within {timeout_s:.0f} s")
            await asyncio.sleep(0.05)


@dataclass
class Results:
    """What all sessions recorded."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    ignored: int = 0  # console 404s of Streamlit's base-path probe on deep links (browser_harness/guard.py)

    def error(self, kind: str, detail: str) -> None:
        """Count an error and keep the first few for the report."""
        self.errors[kind] += 1
        if len(self.error_samples) < 10:
            self.error_samples.append(f"{kind}: {detail[:300]}")


def random_query(options: dict[str, dict[str, str]], rng: random.Random) -> dict[str, str]:
    """Zero to two random filters, as URL parameters."""
    query = {}
    lists = [spec for spec in FILTERS if spec.kind is MANY]
    for spec in rng.sample(lists, rng.randint(0, 2)):
        values = list(options[spec.field])
        query[spec.key] = ",".join(rng.sample(values, min(len(values), rng.randint(1, 2))))
    if rng.random() < 0.3:
        meeting = next(spec for spec in FILTERS if spec.field == MEETING)
        query[meeting.key] = rng.choice(list(options[MEETING]))
    return query


@dataclass
class Window:
    """The timed window: it opens when every session has its first page, and closes `duration` later."""

    sessions: int
    duration: float
    ready: int = 0
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    start: float = 0.0
    end: float = 0.0

    def arrive(self) -> None:
        """A session has its first page (or gave up on it)."""
        self.ready += 1
        if self.ready == self.sessions:
            self.start = time.monotonic()
            self.end = self.start + self.duration
            self.opened.set()


async def session(
    number: int,
    browser: Browser,
    base_url: str,
    options: dict,
    window: Window,
    results: Results,
    seed: int,
    ramp: float,
) -> None:
    """One user: open a page, wait for the others, then random interactions until the window closes."""
    rng = random.Random(seed * 1000 + number)
    context = await browser.new_context(viewport=VIEWPORT)
    # Clicks and typing wait as long as a run may take: a starved page answers late, it has not failed.
    context.set_default_timeout(SETTLE_TIMEOUT_MS)
    page = await context.new_page()
    runs = RunCounter(page)
    page.on("pageerror", lambda error: results.error("page error", str(error)))
    page.on("console", lambda message: console_error(results, message) if message.type == "error" else None)
    state = {"page": "Overview", "search": ""}
    reopen = lambda: open_random(page, base_url, options, rng, state)  # noqa: E731
    try:
        # Staggered first pages: 20 pages starting at once on 2 cores starve each other for minutes.
        await asyncio.sleep(number * ramp)
        try:
            await timed(results, "first open", page, runs, reopen)
        finally:
            window.arrive()  # even if it failed, or the window would never open
        await window.opened.wait()
        while time.monotonic() < window.end:
            kind = rng.choices(KINDS, weights=WEIGHTS)[0]
            if kind == "open":
                action = reopen
            elif kind == "page":
                action = lambda: click_page(page, rng, state)  # noqa: E731
            elif kind == "search":
                action = lambda: search(page, rng, state)  # noqa: E731
            else:
                action = lambda: reset(page, state)  # noqa: E731
            if not await timed(results, kind, page, runs, action):
                await timed(results, "open", page, runs, reopen)  # start again from a fresh page load
    finally:
        await context.close()


def console_error(results: Results, message) -> None:
    """Count a console error, except the 404s the harness knows as Streamlit's base-path probe."""
    if is_allowed_failed_load(message):
        results.ignored += 1
        return
    results.error("console error", f"{message.text} {message.location.get('url', '')}")


async def timed(results: Results, kind: str, page: Page, runs: RunCounter, action) -> bool:
    """Run an action, wait for its script run and for the page to settle; record the time and error boxes."""
    before = runs.finished
    start = time.perf_counter()
    try:
        await action()
        await runs.wait_beyond(before, SETTLE_TIMEOUT_MS / 1000)
        await page.wait_for_function(APP_IDLE_JS, timeout=SETTLE_TIMEOUT_MS, polling=50)
    except (PlaywrightError, TimeoutError) as error:
        results.error("did not settle", f"{kind} on {page.url}: {error}")
        return False
    results.times[kind].append(time.perf_counter() - start)
    for box in await page.evaluate(ERROR_BOXES_JS):
        results.error("error box", box)
    return True


async def open_random(page: Page, base_url: str, options: dict, rng: random.Random, state: dict) -> None:
    title = rng.choice(list(PAGES))
    query = random_query(options, rng) if options else {}
    path = PAGES[title]
    separator = "&" if "?" in path else "?"
    url = f"{base_url}/{path}" + (separator + urlencode(query) if query else "")
    # "commit": the settled check below is the real wait; the load event adds nothing and times out first.
    await page.goto(url, wait_until="commit", timeout=SETTLE_TIMEOUT_MS)
    state.update(page=title, search="")


async def click_page(page: Page, rng: random.Random, state: dict) -> None:
    title = rng.choice([t for t in PAGES if t != state["page"]])
    await page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    state["page"] = title


async def search(page: Page, rng: random.Random, state: dict) -> None:
    word = rng.choice([w for w in SEARCH_WORDS if w != state["search"]])
    box = page.get_by_label("Search names and descriptions")
    await box.fill(word)
    await box.press("Enter")
    state["search"] = word


async def reset(page: Page, state: dict) -> None:
    await page.get_by_role("button", name="Reset filters").click()
    state["search"] = ""  # the search box is a filter too


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores, from /proc/stat."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - idle) / hz, sum(ticks) / hz


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def sample_rss(pid: int, stop: asyncio.Event, samples: list[tuple[float, float]]) -> None:
    start = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - start, rss_mb(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(sessions: int, duration: float, seed: int, ramp: float, linger: float, fixed_views: bool) -> int:
    dataset = load_dataset(BUNDLED_DATA).dataset
    assert dataset is not None, "the bundled data does not validate"
    # Without URL filters, the views repeat (pages × search words), so the shared chart cache fills
    # quickly: what memory does then tells a leak from a cache filling up.
    options = {} if fixed_views else filter_options(dataset)
    server = launch_streamlit(APP_SCRIPT)
    pid = server.process.pid
    results = Results()
    samples: list[tuple[float, float]] = []
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(**launch_options())
            # Warm-up (not counted): every page once, so caches hold what a running server holds.
            warm = Results()
            context = await browser.new_context(viewport=VIEWPORT)
            page = await context.new_page()
            warm_runs = RunCounter(page)
            for path in PAGES.values():
                await timed(
                    warm,
                    "warm-up",
                    page,
                    warm_runs,
                    lambda p=path: page.goto(f"{server.base_url}/{p}", wait_until="commit", timeout=SETTLE_TIMEOUT_MS),
                )
            await context.close()
            rss_start = rss_mb(pid)
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(pid, stop, samples))
            window = Window(sessions, duration)
            tasks = [
                asyncio.create_task(session(n, browser, server.base_url, options, window, results, seed, ramp))
                for n in range(sessions)
            ]
            await window.opened.wait()
            rss_open, cpu_start, machine_start, load_start = (
                rss_mb(pid),
                cpu_seconds(pid),
                machine_cpu(),
                os.getloadavg(),
            )
            await asyncio.gather(*tasks)
            elapsed = time.monotonic() - window.start
            machine_end, load_end = machine_cpu(), os.getloadavg()
            rss_end, cpu_used = rss_mb(pid), cpu_seconds(pid) - cpu_start
            stop.set()
            await sampler
            await browser.close()
        # The browsers are gone; the server keeps a disconnected session for server.disconnectedSessionTTL
        # (120 s by default) before dropping it, so measure again after that.
        await asyncio.sleep(linger)
        rss_after = rss_mb(pid)
    finally:
        server.stop()
    busy = (machine_end[0] - machine_start[0]) / (machine_end[1] - machine_start[1])
    report(sessions, duration, elapsed, results, samples, (rss_start, rss_open, rss_end, rss_after), cpu_used, linger)
    print(
        f"machine in the window: CPUs {busy:.0%} busy (server, browsers and anything else running); "
        f"load average {load_start[0]:.1f} at the start, {load_end[0]:.1f} at the end"
    )
    return 1 if results.errors else 0


def report(sessions, duration, elapsed, results, samples, rss, cpu_used, linger) -> None:
    """Print the summary that goes into docs/performance.md."""
    rss_start, rss_open, rss_end, rss_after = rss
    window = [t for kind in KINDS for t in results.times.get(kind, [])]
    print(
        f"Load test: {sessions} sessions, {duration:.0f} s window (ran {elapsed:.0f} s) against one server, "
        f"bundled data, {os.cpu_count()} CPUs shared by the server and the browsers"
    )
    print(f"interactions in the window: {len(window)} ({len(window) / elapsed:.1f}/s)")
    print(f"{'kind':<11} {'count':>6} {'p50':>7} {'p95':>7} {'max':>7}")
    rows = [(kind, results.times.get(kind, [])) for kind in ("first open", *KINDS)] + [("all in window", window)]
    for kind, times in rows:
        if times:
            print(
                f"{kind:<11} {len(times):>6} {statistics.median(times):>6.2f}s {percentile(times, 0.95):>6.2f}s "
                f"{max(times):>6.2f}s"
            )
    print(f"errors: {sum(results.errors.values())} {dict(results.errors) or ''}")
    print(f"not counted: {results.ignored} console 404s of Streamlit's base-path probe on deep links (known)")
    for sample in results.error_samples:
        print(f"  {sample}")
    peak = max((mb for _, mb in samples), default=rss_start)
    print(
        f"server RSS: before {rss_start:.0f} MB, all sessions open {rss_open:.0f} MB, peak {peak:.0f} MB, "
        f"end {rss_end:.0f} MB, {linger:.0f} s after the browsers closed {rss_after:.0f} MB"
    )
    marks = [f"{t:.0f}s {mb:.0f}" for t, mb in samples[:: max(1, len(samples) // 8)]]
    print(f"server RSS over time (MB): {', '.join(marks)}")
    print(f"server CPU in the window: {cpu_used:.0f} s in {elapsed:.0f} s ({cpu_used / elapsed:.0%} of one core)")


def main() -> int:
    """Parse the arguments and run the load test."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ramp", type=float, default=3.0, help="seconds between the sessions' first pages")
    parser.add_argument("--linger", type=float, default=130.0, help="seconds to wait before the last memory reading")
    parser.add_argument("--fixed-views", action="store_true", help="no random filters in opened URLs")
    args = parser.parse_args()
    return asyncio.run(run(args.sessions, args.duration, args.seed, args.ramp, args.linger, args.fixed_views))


if __name__ == "__main__":
    sys.exit(main())
