"""Server time of a page rerun after a filter change (AppTest), the same for a minimal script, and profiles.

A page is opened once (caches filled), changed once more (warm-up), then timed over `runs` filter
changes. Each change removes a different status from the Status filter, so every timed rerun
sees a filter value it has not seen before: nothing is served from a cache keyed on the filters,
as for a user trying a new filter, and the view stays nearly as large as the unfiltered one.

The floor is a minimal Streamlit script that draws the same elements (same types, same layout,
same texts, tables and figures, precomputed and cached) with the same sidebar widgets, timed the
same way: what any Streamlit page showing that content costs, whatever the app's own logic.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import os
import pickle
import pstats
import statistics
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from summit.dataset import DATA_ENV
from summit.vocabulary import Status
from summit_ui.pages import DEFAULT_PAGE as APP_DEFAULT_PAGE
from summit_ui.pages import PAGES as APP_PAGES

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app.py"


PAGES = {spec.name: spec.script for spec in APP_PAGES}
DEFAULT_PAGE = APP_DEFAULT_PAGE.script
FILTER_KEY = "filter_statuses"
STATUSES = [str(s) for s in Status]
TIMEOUT_S = 600
FLOOR_ENV = "SUMMIT_BENCH_FLOOR"
# Leaf element types the floor draws with the same call; anything else becomes a markdown line.
_TEXT_CALLS = {
    "markdown": "markdown",
    "caption": "caption",
    "latex": "latex",
    "title": "title",
    "header": "header",
    "subheader": "subheader",
    "text": "text",
    "code": "code",
    "info": "info",
    "error": "error",
    "warning": "warning",
    "success": "success",
}


def filter_values(count: int, start: int = 0) -> list[list[str]]:
    """`count` distinct Status filter values from position `start`: every status but one, then but two, but three.

    Caches keyed on the filters (the map's) are shared by every session of a process, so each page
    is given its own block of values: a page must not be timed on values another page already built.
    """
    dropped = [set(c) for k in (1, 2, 3) for c in combinations(STATUSES, k)]
    if start + count > len(dropped):
        raise ValueError(f"only {len(dropped)} distinct filter values")
    return [[s for s in STATUSES if s not in dropped[i]] for i in range(start, start + count)]


@contextlib.contextmanager
def data_env(root: Path) -> Iterator[None]:
    """Point the app at a dataset folder for the duration of the block."""
    old = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(root)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = old


@dataclass
class PageTiming:
    """Medians in milliseconds, and the page's elements for the floor."""

    first_ms: float
    rerun_ms: float
    runs_ms: list[float]
    elements: dict[str, int]  # after the last filter change
    initial_elements: dict[str, int]  # on opening the page, unfiltered
    tree: list = field(repr=False)
    has_map: bool = False  # on opening the page
    map_figure_bytes: int = 0  # the map figure's JSON on opening the page
    message_bytes: int = 0  # messages sent by the first run (opening the page)
    filter_message_bytes: float = 0  # median over the filter changes


def open_page(page: str, query: dict[str, str]) -> AppTest:
    """An AppTest of app.py on `page` with query parameters, not yet run."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if page != DEFAULT_PAGE:
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def _run(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"the page raised: {[e.value for e in at.exception]}")
    return elapsed


def time_reruns(at: AppTest, runs: int, start: int = 0) -> tuple[float, list[float]]:
    """First run (fills caches), one warm-up filter change, then `runs` timed filter changes."""
    first = _run(at)
    return first, time_changes(at, runs, start)


def time_changes(at: AppTest, runs: int, start: int = 0) -> list[float]:
    """One warm-up filter change, then `runs` timed ones, each to a value not seen before."""
    values = filter_values(runs + 1, start)
    at.multiselect(key=FILTER_KEY).set_value(values[0])
    _run(at)
    times = []
    for value in values[1:]:
        at.multiselect(key=FILTER_KEY).set_value(value)
        times.append(_run(at))
    return times


def time_page(page: str, query: dict[str, str], runs: int, start: int = 0) -> PageTiming:
    """Rerun timings of one page of the app, with the tree of its last run and the bytes it sent."""
    at = open_page(page, query)
    with recorded_runners() as runners:
        first = _run(at)
        initial_tree = describe_tree(at)
        times = time_changes(at, runs, start)
    tree = describe_tree(at)
    maps = [_map_bytes(el) for el in _leaves(initial_tree) if _map_bytes(el)]
    return PageTiming(
        first_ms=first,
        rerun_ms=statistics.median(times),
        runs_ms=times,
        elements=count_elements(tree),
        initial_elements=count_elements(initial_tree),
        tree=tree,
        has_map=bool(maps),
        map_figure_bytes=max(maps, default=0),
        message_bytes=_message_bytes(runners[0]),
        filter_message_bytes=statistics.median(_message_bytes(r) for r in runners[2:]),
    )


@contextlib.contextmanager
def recorded_runners() -> Iterator[list[LocalScriptRunner]]:
    """The script runner of every AppTest run in the block, in order (for the messages each sent)."""
    runners: list[LocalScriptRunner] = []
    original = LocalScriptRunner.run

    def run_recorded(self: LocalScriptRunner, *args: Any, **kwargs: Any) -> Any:
        runners.append(self)
        return original(self, *args, **kwargs)

    LocalScriptRunner.run = run_recorded  # type: ignore[method-assign]
    try:
        yield runners
    finally:
        LocalScriptRunner.run = original  # type: ignore[method-assign]


def _message_bytes(runner: LocalScriptRunner) -> int:
    """Bytes of the messages a run sent: what the websocket carries to the browser for it."""
    return sum(message.ByteSize() for message in runner.forward_msgs())


def _is_map(spec: str) -> bool:
    """A MapLibre figure: choroplethmap or scattermap traces (the template may name them too)."""
    return any(trace.get("type") in ("choroplethmap", "scattermap") for trace in json.loads(spec).get("data", []))


MAP_COMPONENT = "summit_map"  # summit_ui/map_component.py


def _map_bytes(element: tuple) -> int:
    """Size of the data a map element sends (the component's JSON, or a Plotly map's figure); 0 if not a map."""
    _, kind, payload = element
    if kind == "bidi_component" and payload["name"] == MAP_COMPONENT:
        return len(payload["json"])
    if kind == "plotly_chart" and _is_map(payload["spec"]):
        return len(payload["spec"])
    return 0


# --- the element tree, as plain data the floor script can draw -------------------------------------


def describe_tree(at: AppTest) -> list:
    """[("sidebar"|"main", [nodes])]; a node is ("block", kind, args, children) or ("el", type, payload)."""
    parts = []
    for name in ("sidebar", "main"):
        block = getattr(at, name)
        parts.append((name, [_node(child) for child in block.children.values()]))
    return parts


def _node(node: Any) -> tuple:
    children = getattr(node, "children", None)
    if children is not None and not hasattr(node, "value"):
        kids = [_node(child) for child in children.values()]
        kind, args = "container", {}
        if node.type == "expander":
            kind, args = "expander", {"label": node.label}
        elif kids and all(k[0] == "block" and k[1] == "column" for k in kids):
            kind, args = "columns", {"weights": [max(k[2]["weight"], 0.01) for k in kids]}
        elif node.type == "column":
            kind, args = "column", {"weight": node.weight or 1.0}
        return ("block", kind, args, kids)
    return ("el", node.type, _payload(node))


def _payload(el: Any) -> dict[str, Any]:
    kind = el.type
    if kind in _TEXT_CALLS:
        return {"text": str(el.value)}
    if kind == "metric":
        return {"label": el.proto.label, "value": el.proto.body, "delta": el.proto.delta or None}
    if kind == "dataframe":
        return {"frame": el.value}
    if kind == "plotly_chart":
        return {"spec": el.proto.spec, "config": el.proto.config}
    if kind == "bidi_component":  # the page map (summit_ui/map_component.py)
        return {"name": el.proto.component_name, "json": el.proto.json}
    if kind in ("selectbox", "multiselect"):
        return {"label": el.label, "options": list(el.options), "key": el.key}
    if kind == "button_group":
        return {"label": getattr(el, "label", ""), "options": list(el.options), "key": el.key}
    if kind in ("text_input", "toggle"):
        return {"label": el.label, "key": el.key}
    if kind in ("button", "download_button", "link_button", "page_link"):
        return {"label": el.proto.label}
    return {"text": f"({kind})"}


def _leaves(tree: list) -> Iterator[tuple]:
    def walk(nodes: list) -> Iterator[tuple]:
        for node in nodes:
            if node[0] == "block":
                yield from walk(node[3])
            else:
                yield node

    for _name, nodes in tree:
        yield from walk(nodes)


def count_elements(tree: list) -> dict[str, int]:
    """Element types of a page and how many of each (blocks counted by kind)."""
    counts: Counter[str] = Counter()

    def walk(nodes: list) -> None:
        for node in nodes:
            counts[node[1]] += 1
            if node[0] == "block":
                walk(node[3])

    for _name, nodes in tree:
        walk(nodes)
    return dict(sorted(counts.items()))


# --- the floor -------------------------------------------------------------------------------------

FLOOR_SCRIPT = textwrap.dedent(
    '''
    """Benchmark floor: draws precomputed elements with the same sidebar widgets; no app logic."""

    import json
    import os
    import pickle
    import sys

    import plotly.graph_objects as go
    import streamlit as st

    FILTER_KEY = "filter_statuses"


    @st.cache_resource
    def load(path):
        with open(path, "rb") as file:
            spec = pickle.load(file)
        figures = {}
        for index, figure in enumerate(spec["figures"]):
            figures[index] = go.Figure(figure)
        return spec, figures


    sys.path.insert(0, os.environ["SUMMIT_BENCH_REPO"])  # the app's own map component, drawn the same way
    from summit_ui.map_component import render_map  # noqa: E402

    spec, figures = load(os.environ["SUMMIT_BENCH_FLOOR"])
    counter = iter(range(1_000_000))


    def draw(nodes):
        for node in nodes:
            if node[0] == "block":
                _, kind, args, children = node
                if kind == "columns":
                    for column, child in zip(st.columns(args["weights"]), children):
                        with column:
                            draw(child[3])
                elif kind == "expander":
                    with st.expander(args["label"]):
                        draw(children)
                else:
                    with st.container():
                        draw(children)
                continue
            _, kind, payload = node
            n = next(counter)
            if kind == "metric":
                st.metric(payload["label"], payload["value"], payload["delta"], border=True)
            elif kind == "dataframe":
                st.dataframe(payload["frame"], hide_index=True)
            elif kind == "plotly_chart":
                st.plotly_chart(figures[payload["figure"]], theme=None, config=payload["config"], key=f"c{n}")
            elif kind == "bidi_component" and payload["name"] == "summit_map":
                data = json.loads(payload["json"])
                words = {name: data[name] for name in ("title", "alt", "source", "height")}
                render_map(data, key=f"m{n}", **words)
            elif kind == "multiselect":
                if payload["key"] == FILTER_KEY:
                    st.multiselect(payload["label"], spec["statuses"], key=FILTER_KEY)
                else:
                    st.multiselect(payload["label"], payload["options"], key=f"w{n}")
            elif kind == "selectbox":
                st.selectbox(payload["label"], payload["options"], key=f"w{n}")
            elif kind == "button_group":
                st.segmented_control(payload["label"] or "View", payload["options"], key=f"w{n}")
            elif kind == "text_input":
                st.text_input(payload["label"], key=f"w{n}")
            elif kind == "toggle":
                st.toggle(payload["label"], key=f"w{n}")
            elif kind == "button":
                st.button(payload["label"], key=f"w{n}")
            elif kind == "download_button":
                st.download_button(payload["label"], b"", key=f"w{n}", on_click="ignore")
            elif kind in ("link_button", "page_link"):
                st.link_button(payload["label"], "https://synthetic.example/")
            else:
                getattr(st, spec["calls"].get(kind, "markdown"))(payload["text"])


    for name, nodes in spec["tree"]:
        if name == "sidebar":
            with st.sidebar:
                draw(nodes)
        else:
            draw(nodes)
    '''
)


def write_floor(tree: list, folder: Path, name: str) -> Path:
    """Save a page's elements for the floor script; returns the spec file."""
    figures: list[dict] = []

    def convert(nodes: list) -> list:
        out = []
        for node in nodes:
            if node[0] == "block":
                out.append((*node[:3], convert(node[3])))
            elif node[1] == "plotly_chart":
                figures.append(json.loads(node[2]["spec"]))
                config = json.loads(node[2]["config"] or "{}")
                out.append(("el", "plotly_chart", {"figure": len(figures) - 1, "config": config}))
            else:
                out.append(node)
        return out

    spec = {
        "tree": [(part, convert(nodes)) for part, nodes in tree],
        "figures": figures,
        "statuses": STATUSES,
        "calls": _TEXT_CALLS,
    }
    path = folder / f"floor-{name}.pkl"
    with path.open("wb") as file:
        pickle.dump(spec, file)
    return path


def time_floor(tree: list, name: str, runs: int, folder: Path) -> tuple[float, list[float]]:
    """Median rerun of the floor script drawing `tree`, timed like the page."""
    script = folder / "floor.py"
    if not script.exists():
        script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    spec = write_floor(tree, folder, name)
    old = os.environ.get(FLOOR_ENV)
    os.environ[FLOOR_ENV] = str(spec)
    os.environ["SUMMIT_BENCH_REPO"] = str(REPO)
    try:
        at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
        _first, times = time_reruns(at, runs)
    finally:
        if old is None:
            os.environ.pop(FLOOR_ENV, None)
        else:
            os.environ[FLOOR_ENV] = old
    return statistics.median(times), times


def floor_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder for the floor script and its data."""
    return tempfile.TemporaryDirectory(prefix="summit-bench-floor-")


# --- profiles --------------------------------------------------------------------------------------


@contextlib.contextmanager
def profiled_script_thread(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile the script thread of AppTest runs (cProfile only sees the thread that enables it)."""
    original = LocalScriptRunner._run_script_thread

    def run_profiled(self: LocalScriptRunner) -> None:
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


def profile_page(page: str, query: dict[str, str], runs: int, start: int, top: int = 15) -> dict[str, Any]:
    """cProfile of `runs` filter-change reruns of a page: the top functions by own and by total time."""
    at = open_page(page, query)
    time_reruns(at, 0, start)
    profiler = cProfile.Profile()
    values = filter_values(runs, start + 1)
    with profiled_script_thread(profiler):
        for value in values:
            at.multiselect(key=FILTER_KEY).set_value(value)
            _run(at)
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values()) or 1.0  # own time of every function
    rows = [
        {
            "function": name,
            "file": _short(file),
            "line": line,
            "calls": calls,
            "own_s": round(own, 4),
            "total_s": round(cumulative, 4),
            "own_share": round(own / total, 3),
            "total_share": round(cumulative / total, 3),
        }
        for (file, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items()
    ]
    by_total = sorted(
        (r for r in rows if r["total_share"] < 0.999 and not r["file"].startswith(("<", "threading"))),
        key=lambda r: r["total_s"],
        reverse=True,
    )
    return {
        "page": page,
        "runs": len(values),
        "profiled_s": round(total, 3),
        "by_own_time": sorted(rows, key=lambda r: r["own_s"], reverse=True)[:top],
        "by_total_time": by_total[: top * 2],
        "project_by_total_time": [r for r in by_total if _is_project(r["file"])][:top],
    }


def _short(file: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/", f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _is_project(file: str) -> bool:
    return file.startswith(("summit/", "summit_ui/", "app_pages/", "app.py"))
