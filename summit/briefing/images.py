"""Chart images for the handouts, drawn by Kaleido driving a local Chromium, offline, never hanging.

No internet is used, but a browser is needed. Kaleido runs in a child process with a hard time limit,
so a missing or stuck browser ends in a ChartRenderError with a message, never in a hang.
The child process calls `draw_requested_charts`, which reads the figures and the folder to write to as
JSON on standard input: it is started as a function call, not as a command (the command line is all in
summit/cli.py). It writes the images one by one, so the parent reports progress by watching the folder.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summit import geo
from summit.i18n import _

if TYPE_CHECKING:
    from summit.briefing.layout import Slide

# Where Kaleido looks for the browser (choreographer's own variable), then the usual places.
BROWSER_ENV = "BROWSER_PATH"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Seconds for all the charts of one briefing (the map takes a few seconds on a small machine).
RENDER_TIMEOUT_S = 120.0
# Chart images are drawn at this multiple of their size on the 1920×1080 canvas (sharper in print).
IMAGE_SCALE = 1.5
REPO_ROOT = Path(__file__).resolve().parents[2]
# What the child process runs: the worker function below, given nothing on its command line.
WORKER_CALL = "import sys; from summit.briefing.images import draw_requested_charts; sys.exit(draw_requested_charts())"
# The drawing browser's proxy: a closed port on loopback, so that no request of the browser leaves the
# host. Started by Kaleido, Debian's Chromium 156 looks up update.googleapis.com, clients2.google.com,
# accounts.google.com, optimizationguide-pa.googleapis.com and start.duckduckgo.com (seen with strace:
# DNS queries, none answered offline); Kaleido cannot pass it --disable-background-networking, but it
# passes a proxy (choreographer's `proxy_server`), and behind a proxy Chromium resolves no name itself.
# The charts are drawn from local files (plotly.js from the plotly package), which a proxy does not touch.
OFFLINE_PROXY = "http://127.0.0.1:1"
# Seconds between looks at the images drawn so far, when someone is told of the progress.
PROGRESS_POLL_S = 0.2


class ChartRenderError(RuntimeError):
    """The charts could not be drawn as images (no browser, a browser error, or a time-out)."""


@dataclass(frozen=True)
class ChartStep:
    """Chart `number` of `total` is being drawn now (the first one also waits for the browser to start)."""

    number: int
    total: int
    title: str  # the title of the chart's slide


def find_browser() -> str | None:
    """The Chromium or Chrome executable Kaleido will drive: $BROWSER_PATH, else the first one found."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return configured
    for candidate in BROWSER_CANDIDATES:
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.access(path, os.X_OK):
            return path
    return None


def browser_problem() -> str | None:
    """Why chart images cannot be drawn here, in a sentence; None when a browser is there."""
    browser = find_browser()
    hint = _(
        "PowerPoint and PDF exports draw their charts with Kaleido, which needs a local Chromium or Chrome "
        "(no internet is used). Install Debian's chromium (scripts/install-browser.sh) or set "
        "{variable} to the browser's path."
    ).format(variable=BROWSER_ENV)
    if browser is None:
        return _("No browser found. {hint}").format(hint=hint)
    if not (os.path.isfile(browser) and os.access(browser, os.X_OK)):
        return _("No browser at {browser}. {hint}").format(browser=browser, hint=hint)
    return None


def render_chart_images(
    slides: list[Slide],
    *,
    timeout: float = RENDER_TIMEOUT_S,
    scale: float = IMAGE_SCALE,
    progress: Callable[[ChartStep], None] | None = None,
) -> dict[str, bytes]:
    """PNG of each slide's chart, by slide key; raises ChartRenderError instead of hanging.

    The images are `scale` times the chart's box on the 1920×1080 canvas. progress, if given, is called with
    each chart as its drawing starts, in order. Should it raise (a page stopped by its user), the drawing
    stops too, browser and all, and the exception goes on.
    """
    charted = [slide for slide in slides if slide.chart is not None]
    if not charted:
        return {}
    problem = browser_problem()
    if problem:
        raise ChartRenderError(problem)
    with tempfile.TemporaryDirectory(prefix="summit-charts-") as folder:
        request = {
            "browser": find_browser(),
            "timeout": timeout,
            "scale": scale,
            "folder": folder,
            # Kaleido draws outside the app, so map shapes referred to by URL are put inline.
            "figures": [geo.inline_geometry(json.loads(slide.chart.figure.to_json())) for slide in charted],  # type: ignore[union-attr]
        }
        watch = None
        if progress is not None:
            reported = -1

            def watch() -> None:
                nonlocal reported
                # The child writes 0.png, 1.png, ... in order: the count of files is the chart being drawn.
                drawn = sum((Path(folder) / f"{index}.png").exists() for index in range(len(charted)))
                if drawn != reported and drawn < len(charted):
                    reported = drawn
                    progress(ChartStep(drawn + 1, len(charted), charted[drawn].title))

        _run_worker(json.dumps(request).encode(), timeout, watch)
        images = {}
        for index, slide in enumerate(charted):
            path = Path(folder) / f"{index}.png"
            if not path.is_file():
                raise ChartRenderError(_("The chart of slide '{title}' was not drawn.").format(title=slide.title))
            images[slide.key] = path.read_bytes()
    return images


def _run_worker(request: bytes, timeout: float, watch: Callable[[], None] | None = None) -> None:
    """Run the child with the request on its standard input; `watch` is called every PROGRESS_POLL_S while
    it runs. Raises ChartRenderError when the child fails or outlives the hard limit."""
    command = [sys.executable, "-c", WORKER_CALL]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)}
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    # One communicate() call, in a thread, while this one looks at the progress: a communicate() retried after
    # a time-out never sends the rest of a large input (CPython registers stdin only when input is passed
    # again, and refuses input passed again), so the child would wait for it for ever.
    outcome: list = []

    def talk() -> None:
        try:
            outcome.append(process.communicate(request, timeout=_hard_limit(timeout)))
        except BaseException as error:  # handed to the caller's thread below
            outcome.append(error)

    talker = threading.Thread(target=talk, name="chart-worker", daemon=True)
    talker.start()
    try:
        while talker.is_alive():
            if watch is not None:
                watch()
            talker.join(PROGRESS_POLL_S if watch is not None else None)
    except BaseException:
        # `watch` raised (the caller stops, e.g. a page rerun by its user): the browser must not draw on.
        _kill_tree(process.pid)
        talker.join()
        raise
    (result,) = outcome
    if isinstance(result, subprocess.TimeoutExpired):
        _kill_tree(process.pid)
        process.communicate()
        raise ChartRenderError(
            _(
                "Drawing the charts took longer than {seconds} s and was stopped. The browser ({browser}) may be "
                "unable to start here."
            ).format(seconds=f"{_hard_limit(timeout):.0f}", browser=find_browser())
        ) from None
    if isinstance(result, BaseException):
        raise result
    _out, err = result
    if process.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        reason = lines[-1] if lines else _("exit code {code}").format(code=process.returncode)
        raise ChartRenderError(_("The browser could not draw the charts: {reason}").format(reason=reason))


def _hard_limit(timeout: float) -> float:
    """Seconds the parent waits: the child's own limit, plus time to start Python and to report."""
    return timeout * 1.25 + 5


def _kill_tree(pid: int) -> None:
    """Kill a process and everything it started, including Chromium, which runs in a session of its own."""
    for child in reversed(_descendants(pid)):
        with suppress(ProcessLookupError, PermissionError):
            os.kill(child, signal.SIGKILL)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    """Every process below pid, parents before children (from /proc; empty where there is none)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            # The command name (field 2) is in parentheses and may contain spaces.
            fields = entry.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in parents.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def draw_requested_charts() -> int:
    """Child process: draw the figures read from standard input into <folder>/<n>.png with Kaleido; exit code."""
    # Only the child process needs Kaleido and its browser driver.
    import kaleido

    request = json.loads(sys.stdin.buffer.read())
    folder = Path(request["folder"])

    async def draw() -> None:
        # mathjax=False: Kaleido would otherwise load MathJax from a CDN.
        async with kaleido.Kaleido(
            n=1, timeout=request["timeout"], mathjax=False, path=request["browser"], proxy_server=OFFLINE_PROXY
        ) as k:
            for index, figure in enumerate(request["figures"]):
                layout = figure.get("layout", {})
                opts = {"format": "png", "width": layout.get("width"), "height": layout.get("height")}
                png = await k.calc_fig(figure, opts={**opts, "scale": request["scale"]})
                (folder / f"{index}.png").write_bytes(png)

    try:
        asyncio.run(asyncio.wait_for(draw(), timeout=request["timeout"]))
    except Exception as error:  # any failure is reported to the parent in one line
        # Some errors carry several arguments (a sentence and hints): the first one says what happened.
        message = " ".join(str(error.args[0] if error.args else error).split()) or type(error).__name__
        print(f"{type(error).__name__}: {message}", file=sys.stderr)
        return 1
    return 0
