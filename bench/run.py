"""`python -m bench.run` (`make bench`): time the dashboard on the bundled data and on synthetic ×1, ×10, ×100.

Writes bench/results.json and prints a table. What is measured, each a median of `--runs` runs
after a warm-up:

- load + validate (`summit.dataset.load_dataset`) against a bare LibYAML parse of the same files;
- server time of a page rerun after a filter change (AppTest), and the same for a minimal script
  drawing the same elements from precomputed data (the "floor");
- bytes the browser receives for each page load and for a filter change (headless Chromium);
- in the browser, on the bundled data: navigation → map drawn, and filter change → table and map
  redrawn; the server process's peak memory;
- a cProfile of the slowest page's reruns, on the bundled data and on the largest size.

Budgets (reported, not asserted: machines are noisy) are checked at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from summit import frames as F
from summit.dataset import BUNDLED_DATA, Dataset, data_files, load_dataset

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results.json"
FACTORS = {"x1": 1, "x10": 10, "x100": 100}
SIZES = ("bundled", *FACTORS)
COMMIT_ENV = "SUMMIT_BENCH_COMMIT"
PROFILED_PAGES = 2
# Budgets from issue 6: (key, words, limit, unit).
BUDGETS = {
    "rerun_bundled": ("every page rerun (server), bundled data", 100.0, "ms"),
    "browser_filter": ("filter change → map redrawn (browser), bundled data", 300.0, "ms"),
    # The map is drawn first on a plain canvas (static/map/summit-map.mjs firstPaint), then by MapLibre,
    # which adds hover and zoom; the time to MapLibre's draw and the map's share are reported beside it.
    "browser_map": ("cold load → page and map drawn (browser), bundled data", 2500.0, "ms"),
    "map_payload": ("map page payload, bundled data", 1_000_000, "bytes"),
    "load_ratio_x100": ("load + validate ÷ bare parse at ×100", 3.0, "×"),
    "rerun_x100": ("every page rerun (server) at ×100", 500.0, "ms"),
}

try:
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, from {', '.join(SIZES)}")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument(
        "--browser-sizes",
        default="bundled,x100",
        help="sizes whose payloads are measured in Chromium too (default bundled,x100; others: server messages)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of the slowest page")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    parser.add_argument("--data", type=Path, help="keep the synthetic datasets in this folder")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = set(sizes) - set(SIZES)
    if unknown or args.runs < 1:
        parser.error(f"unknown sizes {sorted(unknown)} or runs < 1")
    os.chdir(REPO)  # AppTest and `streamlit run` read .streamlit/config.toml from here
    _quiet_streamlit()

    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine_info(), "git": git_info(), "runs": args.runs, "warmup_runs": 1}
    workdir = Path(tempfile.mkdtemp(prefix="summit-bench-")) if args.data is None else args.data
    try:
        roots = prepare_data(sizes, workdir, results)
        measure_loading(roots, args.runs, results)
        measure_reruns(roots, args.runs, results, profile=not args.no_profile)
        browser_sizes = [s for s in args.browser_sizes.split(",") if s in roots]
        if browser_sizes and not args.no_browser:
            measure_browser(roots, browser_sizes, args.runs, results)
    finally:
        if args.data is None:
            shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_average_end"] = _load_average()
    results["budgets"] = check_budgets(results)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_table(results))
    print(f"\nWrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


def _quiet_streamlit() -> None:
    """AppTest runs print 'missing ScriptRunContext' warnings that say nothing about the app."""
    import streamlit.logger

    streamlit.logger.set_log_level("ERROR")
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True


def _progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- machine -------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    """CPU, cores, memory, versions and date, for docs/performance.md."""
    from importlib.metadata import version

    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem_kb = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), 0)
    packages = ("streamlit", "plotly", "pandas", "pydantic", "PyYAML", "playwright")
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        **{name.lower(): version(name) for name in packages},
        "libyaml": _YamlLoader is not yaml.SafeLoader,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_start": _load_average(),
    }


def _load_average() -> list[float]:
    """1, 5 and 15-minute load averages: other work on the machine makes every number slower."""
    return [round(x, 2) for x in os.getloadavg()]


def git_info() -> dict[str, Any]:
    """The commit measured and the files that differ from it."""

    def git(*words: str) -> str:
        try:
            return subprocess.run(["git", *words], cwd=REPO, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "HEAD").strip()
    if not commit:  # an exported tree (`git archive`) names its commit in the environment
        return {"commit": os.environ.get(COMMIT_ENV, "unknown"), "changed_files": [], "exported_tree": True}
    changed = [line[3:] for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {"commit": commit, "changed_files": changed}


# --- data ----------------------------------------------------------------------------------------


def prepare_data(sizes: list[str], workdir: Path, results: dict[str, Any]) -> dict[str, Path]:
    """The dataset folder of each size: the bundled data, and synthetic ones generated into workdir."""
    from bench.synthetic import generate

    roots: dict[str, Path] = {}
    info: dict[str, Any] = {}
    for size in sizes:
        if size == "bundled":
            roots[size] = BUNDLED_DATA
            info[size] = {"generate_s": 0.0}
        else:
            _progress(f"generating synthetic {size}")
            started = time.perf_counter()
            roots[size] = generate(BUNDLED_DATA, FACTORS[size], workdir / size)
            info[size] = {"generate_s": round(time.perf_counter() - started, 2)}
        result = load_dataset(roots[size])
        if result.dataset is None:
            raise SystemExit(f"{size}: the dataset does not validate: {[str(p) for p in result.problems[:5]]}")
        summary = result.summary
        info[size] |= {
            "meetings": summary.meetings,
            "delegations": summary.delegations,
            "participants": summary.participants,
            "pledges": summary.pledges,
            "sources": summary.sources,
            "files": len(data_files(roots[size])),
            "bytes": sum(p.stat().st_size for p in data_files(roots[size])),
        }
    results["sizes"] = info
    return roots


def busiest_participant(dataset: Dataset) -> str:
    """The participant with the most pledges: its profile is the largest."""
    counts = Counter(p.participant for m in dataset.meetings for p in m.pledges)
    if counts:
        return counts.most_common(1)[0][0]
    return next(d.participant for m in dataset.meetings for d in m.delegations)


def page_queries(root: Path) -> dict[str, dict[str, str]]:
    """Query parameters per page: the profile page shows the busiest participant; others the defaults."""
    dataset = load_dataset(root).dataset
    assert dataset is not None
    return {"profile": {"participant": busiest_participant(dataset)}}


def map_changing_statuses(root: Path) -> list[str]:
    """Status labels, commonest first, that states use in the default view (the meeting shown, in its time
    scope): adding one changes the map."""
    from summit.filters import Filters
    from summit.frames import build_frames
    from summit.vocabulary import STATUS_LABELS, Status

    dataset = load_dataset(root).dataset
    assert dataset is not None
    shown = Filters().rows(dataset, build_frames(dataset)).pledges
    counts = Counter(shown.loc[~shown[F.PARTICIPANT].isin(set(dataset.organisations)), F.STATUS])
    return [STATUS_LABELS[Status(status)] for status, _ in counts.most_common()]


# --- measurements --------------------------------------------------------------------------------


def _median_ms(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def bare_parse(root: Path) -> None:
    """LibYAML's own loader over the same files: the least any YAML reader can cost."""
    for path in data_files(root):
        yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)


def measure_loading(roots: dict[str, Path], runs: int, results: dict[str, Any]) -> None:
    """load_validate_ms and bare_parse_ms per size, and their ratio."""
    load_ms, parse_ms, ratio = {}, {}, {}
    for size, root in roots.items():
        _progress(f"load + validate vs bare parse, {size}")
        load_ms[size], _ = _median_ms(lambda root=root: load_dataset(root), runs)
        parse_ms[size], _ = _median_ms(lambda root=root: bare_parse(root), runs)
        ratio[size] = round(load_ms[size] / parse_ms[size], 2)
    results["load_validate_ms"] = {k: round(v, 1) for k, v in load_ms.items()}
    results["bare_parse_ms"] = {k: round(v, 1) for k, v in parse_ms.items()}
    results["load_ratio"] = ratio


def measure_reruns(roots: dict[str, Path], runs: int, results: dict[str, Any], *, profile: bool) -> None:
    """rerun_ms and floor_ms per page and size (AppTest), then profiles of the slowest pages."""
    from bench import reruns

    pages: dict[str, dict[str, Any]] = {name: {} for name in reruns.PAGES}
    queries: dict[str, dict[str, dict[str, str]]] = {}
    with reruns.floor_folder() as floor_dir:
        for size, root in roots.items():
            queries[size] = page_queries(root)
            with reruns.data_env(root):
                for index, (name, page) in enumerate(reruns.PAGES.items()):
                    _progress(f"page reruns, {size}: {name}")
                    timing = reruns.time_page(page, queries[size].get(name, {}), runs, start=index * (runs + 1))
                    floor_ms, floor_runs = reruns.time_floor(timing.tree, f"{size}-{name}", runs, Path(floor_dir))
                    pages[name][size] = {
                        "rerun_ms": round(timing.rerun_ms, 1),
                        "floor_ms": round(floor_ms, 1),
                        "rerun_min_ms": round(min(timing.runs_ms), 1),
                        "floor_min_ms": round(min(floor_runs), 1),
                        "ratio": round(timing.rerun_ms / floor_ms, 1),
                        "first_run_ms": round(timing.first_ms, 1),
                        "runs_ms": [round(t, 1) for t in timing.runs_ms],
                        "floor_runs_ms": [round(t, 1) for t in floor_runs],
                        "elements": timing.elements,
                        "plotly_charts": timing.initial_elements.get("plotly_chart", 0),
                        "has_map": timing.has_map,
                        "map_figure_bytes": timing.map_figure_bytes if timing.has_map else None,
                        # What the server sends on opening the page (the websocket carries the same within
                        # a few per cent); measure_browser replaces it where the browser ran. A filter change
                        # is left to the browser: Streamlit sends unchanged large elements as references to
                        # the browser's cache, which AppTest does not model.
                        "payload_bytes": timing.message_bytes,
                        "filter_payload_bytes": None,
                        "payload_source": "server messages (AppTest)",
                        "message_bytes": timing.message_bytes,
                        "filter_message_bytes": round(timing.filter_message_bytes),
                    }
    results["pages"] = pages
    results["queries"] = queries
    if not profile:
        return
    profiles = []
    for size in dict.fromkeys(s for s in ("bundled", list(roots)[-1]) if s in roots):
        limit = BUDGETS["rerun_x100" if size == "x100" else "rerun_bundled"][1]
        ranked = sorted(pages, key=lambda name: pages[name][size]["rerun_ms"], reverse=True)
        # The pages over their budget (at most PROFILED_PAGES), or else the slowest one.
        chosen = [name for name in ranked if pages[name][size]["rerun_ms"] > limit][:PROFILED_PAGES] or ranked[:1]
        for name in chosen:
            _progress(f"profiling {name} at {size}")
            with reruns.data_env(roots[size]):
                # Filter values after every page's timed block: none of them is cached yet.
                start = (len(pages) + list(pages).index(name)) * (runs + 1)
                report = reruns.profile_page(reruns.PAGES[name], queries[size].get(name, {}), min(runs, 3), start)
            profiles.append({"size": size, **report})
    results["profiles"] = profiles


def measure_browser(roots: dict[str, Path], sizes: list[str], runs: int, results: dict[str, Any]) -> None:
    """Payload per page at `sizes` and the server's peak memory; map and filter times on the bundled data."""
    from bench import browser
    from browser_harness.chromium import launch_chromium
    from browser_harness.server import APP_SCRIPT, launch_streamlit

    pages = results["pages"]
    rss: dict[str, float] = {}
    geometry: dict[str, int] = {}
    with launch_chromium() as chromium:
        results["machine"]["chromium"] = chromium.version
        for size in sizes:
            root = roots[size]
            with launch_streamlit(APP_SCRIPT, data_dir=None if root == BUNDLED_DATA else root) as server:
                # One browser session per size, as a user opening every page in turn (frontend cached).
                context = chromium.new_context(viewport=browser.VIEWPORT)
                geometry[size] = 0
                try:
                    for name in browser.URL_PATHS:
                        _progress(f"browser payload, {size}: {name}")
                        url = browser.page_url(server, name, results["queries"][size].get(name, {}))
                        load = browser.measure_page(context, url, pages[name][size]["has_map"])
                        pages[name][size] |= {
                            "payload_bytes": load.load.page_bytes,
                            "filter_payload_bytes": load.change.page_bytes if load.change else None,
                            "payload_source": "browser (websocket frames + fetched messages)",
                            "browser_bytes": {
                                "websocket": load.load.websocket,
                                "messages": load.load.messages,
                                "app_files": load.load.app_files,
                                "frontend": load.load.frontend,
                            },
                            "browser_map_drawn_ms": load.map_ms,
                        }
                        geometry[size] += load.load.app_files
                        if size == "bundled":  # every page once in one browser: all the frontend it needs
                            results["frontend_bytes"] = results.get("frontend_bytes", 0) + load.load.frontend
                finally:
                    context.close()
                if size == "bundled":
                    url = browser.page_url(server, "map", {})
                    _progress("browser: cold loads to map drawn")
                    cold = browser.time_cold_map_loads(chromium, url, runs)
                    _progress("browser: filter changes to map redrawn")
                    changes = browser.time_filter_changes(chromium, url, runs, map_changing_statuses(root))
                    results["browser_map_ms"] = round(statistics.median(cold.runs_ms), 1)
                    results["browser_map_runs_ms"] = [round(t, 1) for t in cold.runs_ms]
                    results["browser_map_steps_ms"] = cold.steps_ms
                    results["browser_map_payload_bytes"] = cold.app_bytes
                    results["browser_map_shown_ms"] = round(statistics.median(cold.shown_ms), 1)
                    results["browser_map_shown_runs_ms"] = [round(t, 1) for t in cold.shown_ms]
                    results["browser_filter_ms"] = round(statistics.median(changes.runs_ms), 1)
                    results["browser_filter_runs_ms"] = [round(t, 1) for t in changes.runs_ms]
                    results["browser_filter_steps_ms"] = changes.steps_ms
                    _progress("browser: the same, with the map left out")
                    cold_bare = browser.time_cold_map_loads(chromium, url, runs, without_map=True)
                    changes_bare = browser.time_filter_changes(
                        chromium, url, runs, map_changing_statuses(root), without_map=True
                    )
                    results["browser_no_map_ms"] = round(statistics.median(cold_bare.runs_ms), 1)
                    results["browser_no_map_runs_ms"] = [round(t, 1) for t in cold_bare.runs_ms]
                    results["browser_filter_no_map_ms"] = round(statistics.median(changes_bare.runs_ms), 1)
                    results["browser_filter_no_map_runs_ms"] = [round(t, 1) for t in changes_bare.runs_ms]
                rss[size] = browser.peak_rss_mb(server)
    results["geometry_bytes"] = geometry
    results["peak_rss_mb"] = rss


# --- budgets and the table -----------------------------------------------------------------------


def check_budgets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each budget of issue 6 with the measured value and whether it is met (None: not measured)."""
    pages = results.get("pages", {})

    def worst(size: str) -> tuple[float | None, str | None]:
        values = {name: sizes[size]["rerun_ms"] for name, sizes in pages.items() if size in sizes}
        if not values:
            return None, None
        name = max(values, key=values.__getitem__)
        return values[name], name

    rerun_bundled, slow_bundled = worst("bundled")
    rerun_x100, slow_x100 = worst("x100")
    values: dict[str, tuple[float | None, str]] = {
        "rerun_bundled": (rerun_bundled, f"slowest: {slow_bundled}"),
        "browser_filter": (results.get("browser_filter_ms"), "median of filter changes on the Map page"),
        "browser_map": (
            results.get("browser_map_shown_ms"),
            f"median of cold loads of the Map page, first paint; MapLibre drawn {results.get('browser_map_ms')} ms",
        ),
        "map_payload": (results.get("browser_map_payload_bytes"), "cold load of the Map page: websocket + geometry"),
        "load_ratio_x100": (results.get("load_ratio", {}).get("x100"), "load_validate_ms ÷ bare_parse_ms"),
        "rerun_x100": (rerun_x100, f"slowest: {slow_x100}"),
    }
    budgets = []
    for key, (words, limit, unit) in BUDGETS.items():
        value, note = values[key]
        budgets.append(
            {
                "budget": key,
                "what": words,
                "limit": limit,
                "unit": unit,
                "value": value,
                "met": None if value is None else value <= limit,
                "note": note,
            }
        )
    return budgets


def render_table(results: dict[str, Any]) -> str:
    """The results as plain-text tables."""
    lines = []
    machine = results["machine"]
    lines.append(
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB; Python {machine['python']}, "
        f"Streamlit {machine['streamlit']}, plotly {machine['plotly']}; load average "
        f"{machine['load_average_start']} → {machine.get('load_average_end')}"
    )
    sizes = list(results["sizes"])
    lines.append("")
    lines.append(f"{'size':<10}" + "".join(f"{s:>12}" for s in sizes))
    for key in ("meetings", "delegations", "pledges", "sources", "bytes"):
        lines.append(f"{key:<10}" + "".join(f"{results['sizes'][s][key]:>12,}" for s in sizes))
    lines.append("")
    lines.append("Load + validate vs bare LibYAML parse (ms, median)")
    for size in sizes:
        lines.append(
            f"  {size:<8} {results['load_validate_ms'][size]:>9.1f} vs {results['bare_parse_ms'][size]:>9.1f}"
            f"  = {results['load_ratio'][size]:.2f}×"
        )
    lines.append("")
    lines.append(
        "Page rerun after a filter change, server ms (median) / floor ms = ratio; page-load payload kB "
        "(* measured in the browser, else the server's messages)"
    )
    header = f"{'page':<13}" + "".join(f"{s:>30}" for s in sizes)
    lines.append(header)
    for name, by_size in results["pages"].items():
        cells = []
        for size in sizes:
            row = by_size.get(size, {})
            payload = row.get("payload_bytes")
            star = "*" if row.get("payload_source", "").startswith("browser") else " "
            kb = f"{payload / 1000:6.0f}k{star}" if payload is not None else "      -"
            cells.append(f"{row['rerun_ms']:>8.0f} /{row['floor_ms']:>6.0f} ={row['ratio']:>5.1f}× {kb}")
        lines.append(f"{name:<13}" + "".join(f"{c:>30}" for c in cells))
    if "browser_map_ms" in results:
        lines.append("")
        lines.append(
            f"Browser (bundled): cold load → page and map shown {results['browser_map_shown_ms']:.0f} ms, "
            f"→ interactive map drawn {results['browser_map_ms']:.0f} ms; "
            f"filter change → table and map redrawn {results['browser_filter_ms']:.0f} ms; "
            f"frontend JS/CSS/fonts for all pages {results.get('frontend_bytes', 0) / 1e6:.1f} MB"
        )
        if "browser_no_map_ms" in results:
            lines.append(
                f"  with the map left out: cold load {results['browser_no_map_ms']:.0f} ms "
                f"(shown {results['browser_map_shown_ms'] / results['browser_no_map_ms']:.2f}×, "
                f"drawn {results['browser_map_ms'] / results['browser_no_map_ms']:.2f}×), filter change "
                f"{results['browser_filter_no_map_ms']:.0f} ms "
                f"({results['browser_filter_ms'] / results['browser_filter_no_map_ms']:.2f}×)"
            )
        lines.append(f"  cold load steps (ms since navigation): {results['browser_map_steps_ms']}")
        lines.append(f"  filter change steps (ms since the press): {results['browser_filter_steps_ms']}")
        lines.append(
            f"  cold load of the Map page sends {results['browser_map_payload_bytes'] / 1000:.0f} kB (with geometry); "
            "geometry files per size: "
            + ", ".join(f"{k} {v / 1000:.0f} kB" for k, v in results["geometry_bytes"].items())
        )
        lines.append("Peak server RSS MB: " + ", ".join(f"{k} {v:.0f}" for k, v in results["peak_rss_mb"].items()))
    lines.append("Filter-change payload kB (" + "/".join(sizes) + "): " + _filter_payloads(results, sizes))
    lines.append("")
    lines.append("Budgets")
    for budget in results["budgets"]:
        mark = {True: "met   ", False: "MISSED", None: "n/a   "}[budget["met"]]
        value = budget["value"]
        shown = "-" if value is None else f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        lines.append(
            f"  {mark} {budget['what']}: {shown} {budget['unit']} (limit {budget['limit']:,} {budget['unit']}; "
            f"{budget['note']})"
        )
    for profile in results.get("profiles", []):
        lines.append("")
        lines.append(
            f"Profile: {profile['page']} at {profile['size']}, {profile['runs']} reruns, "
            f"{profile['profiled_s']:.2f} s; share of that time"
        )
        lines.append("  project code, by total time (own + callees):")
        for row in profile["project_by_total_time"][:10]:
            lines.append(
                f"  {row['total_share']:>6.1%} {row['function']} ({row['file']}:{row['line']}), {row['calls']} calls"
            )
        lines.append("  any code, by own time:")
        for row in profile["by_own_time"][:10]:
            lines.append(
                f"  {row['own_share']:>6.1%} {row['function']} ({row['file']}:{row['line']}), {row['calls']} calls"
            )
    lines.append(f"\nElapsed {results['elapsed_s']:.0f} s")
    return "\n".join(lines)


def _filter_payloads(results: dict[str, Any], sizes: list[str]) -> str:
    parts = []
    for name, by_size in results["pages"].items():
        values = [by_size.get(s, {}).get("filter_payload_bytes") for s in sizes]
        parts.append(f"{name} " + "/".join("-" if v is None else f"{v / 1000:.0f}" for v in values))
    return "; ".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
