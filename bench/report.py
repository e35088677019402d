"""`python -m bench.report [results.json]`: the benchmark results as Markdown tables for docs/performance.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.run import RESULTS


def render_markdown(results: dict[str, Any]) -> str:
    """Machine, sizes, loading, page reruns with payloads, browser times, budgets and profiles."""
    machine = results["machine"]
    sizes = list(results["sizes"])
    out = [
        f"Measured {machine['date']} on commit `{results['git']['commit'][:10]}`"
        + (
            f" plus uncommitted changes to {len(results['git']['changed_files'])} files"
            if results["git"]["changed_files"]
            else ""
        )
        + ".",
        "",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM, {machine['os']}",
        f"- Python {machine['python']}, Streamlit {machine['streamlit']}, plotly {machine['plotly']}, "
        f"pandas {machine['pandas']}, pydantic {machine['pydantic']}, PyYAML {machine['pyyaml']} "
        f"(LibYAML: {'yes' if machine['libyaml'] else 'no'}), Chromium {machine.get('chromium', '-')}",
        f"- Load average (1, 5, 15 min) at start {machine['load_average_start']}, at end "
        f"{machine.get('load_average_end')}; {results['runs']} timed runs after {results['warmup_runs']} warm-up; "
        f"whole run {results['elapsed_s']:.0f} s",
        "",
        *_table_head("", sizes),
    ]
    for key in ("meetings", "delegations", "participants", "pledges", "sources", "files", "bytes"):
        out.append(f"| {key} | " + " | ".join(f"{results['sizes'][s][key]:,}" for s in sizes) + " |")
    out += [
        "",
        "**Load + validate vs a bare LibYAML parse** (ms, median)",
        "",
        *_table_head("", sizes),
        "| `load_dataset` | " + " | ".join(f"{results['load_validate_ms'][s]:,.0f}" for s in sizes) + " |",
        "| `yaml.load(CSafeLoader)` | " + " | ".join(f"{results['bare_parse_ms'][s]:,.0f}" for s in sizes) + " |",
        "| ratio | " + " | ".join(f"{results['load_ratio'][s]:.2f}×" for s in sizes) + " |",
        "",
        "**Page rerun after a filter change, server time** (ms, median; floor = a minimal script drawing the "
        "same elements from precomputed data; ratio = page ÷ floor)",
        "",
        *_table_head("page", sizes),
    ]
    for name, by_size in results["pages"].items():
        cells = [
            f"{by_size[s]['rerun_ms']:,.0f} / {by_size[s]['floor_ms']:,.0f} = {by_size[s]['ratio']:.1f}×" for s in sizes
        ]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out += [
        "",
        "**Bytes sent for a page load / for a filter change** (kB; * = measured in Chromium: websocket frames "
        "and messages fetched by reference, the filter change being a pick of one status; otherwise the page "
        "load only, as the server's messages recorded by AppTest, which match the websocket bytes within 4%)",
        "",
        *_table_head("page", sizes),
    ]
    for name, by_size in results["pages"].items():
        cells = []
        for size in sizes:
            row = by_size[size]
            star = "*" if row.get("payload_source", "").startswith("browser") else ""
            cells.append(f"{_kb(row['payload_bytes'])} / {_kb(row['filter_payload_bytes'])}{star}")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    if "browser_map_ms" in results:
        out += [
            "",
            f"- Browser, bundled data: cold load → page and map shown (first paint) "
            f"**{results['browser_map_shown_ms']:,.0f} ms** (runs {results['browser_map_shown_runs_ms']}), "
            f"→ interactive map drawn by MapLibre **{results['browser_map_ms']:,.0f} ms** (runs "
            f"{results['browser_map_runs_ms']}); filter change → table and map redrawn "
            f"**{results['browser_filter_ms']:,.0f} ms** (runs {results['browser_filter_runs_ms']})",
            *_map_share_lines(results),
            "- Steps of a cold load, ms since navigation (median): "
            + ", ".join(f"{k.replace('_', ' ')} {_ms(v)}" for k, v in results.get("browser_map_steps_ms", {}).items()),
            "- Steps of a filter change, ms since the press on the option (median): "
            + ", ".join(
                f"{k.replace('_', ' ')} {_ms(v)}" for k, v in results.get("browser_filter_steps_ms", {}).items()
            ),
            f"- A cold load of the Map page receives {_kb(results['browser_map_payload_bytes'])} kB from the app "
            "(websocket and geometry); geometry files fetched per size: "
            + ", ".join(f"{size} {_kb(b)} kB" for size, b in results["geometry_bytes"].items()),
            f"- Frontend JavaScript, CSS and fonts fetched while opening every page once: "
            f"{results.get('frontend_bytes', 0) / 1e6:.1f} MB (the same for every size; cached afterwards)",
            "- Peak server memory (VmHWM) after opening every page: "
            + ", ".join(f"{size} {mb:,.0f} MB" for size, mb in results["peak_rss_mb"].items()),
        ]
    out += ["", "**Budgets**", "", "| budget | limit | measured | met |", "|---|---:|---:|---|"]
    for budget in results["budgets"]:
        value = budget["value"]
        shown = "-" if value is None else f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        met = {True: "yes", False: "**no**", None: "not measured"}[budget["met"]]
        out.append(
            f"| {budget['what']} | {budget['limit']:,} {budget['unit']} | {shown} {budget['unit']} "
            f"({budget['note']}) | {met} |"
        )
    for profile in results.get("profiles", []):
        out += [
            "",
            f"**Profile: {profile['page']} at {profile['size']}** ({profile['runs']} reruns, "
            f"{profile['profiled_s']:.2f} s in the script thread; share of that time)",
            "",
            "| function | file | calls | own | total |",
            "|---|---|---:|---:|---:|",
        ]
        rows = profile["project_by_total_time"][:12] + profile["by_own_time"][:10]
        for row in dict.fromkeys(rows_key(r) for r in rows):
            row = next(r for r in rows if rows_key(r) == row)
            out.append(
                f"| `{row['function']}` | `{row['file']}:{row['line']}` | {row['calls']:,} | "
                f"{row['own_share']:.1%} | {row['total_share']:.1%} |"
            )
    return "\n".join(out) + "\n"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1000:,.0f}"


def rows_key(row: dict[str, Any]) -> tuple:
    """Identity of a profile row."""
    return (row["file"], row["line"], row["function"])


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown of a results file (default bench/results.json)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else RESULTS
    print(render_markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


def _table_head(first: str, sizes: list[str]) -> list[str]:
    """Header and rule of a Markdown table: a first column headed `first`, then one right-aligned column per size."""
    corner = f"| {first} |" if first else "| |"
    return [f"{corner} " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes)]


def _map_share_lines(results: dict) -> list[str]:
    """The map's share: each browser time against the same page with the map left out."""
    if "browser_no_map_ms" not in results:
        return []
    shown, cold, bare_cold = results["browser_map_shown_ms"], results["browser_map_ms"], results["browser_no_map_ms"]
    change, bare_change = results["browser_filter_ms"], results["browser_filter_no_map_ms"]
    return [
        f"- The same page with the map left out (its module replaced by an empty element): cold load → element "
        f"mounted **{bare_cold:,.0f} ms** (runs {results['browser_no_map_runs_ms']}), so the map's share is "
        f"{shown / bare_cold:.2f}× to the map shown, {cold / bare_cold:.2f}× to MapLibre drawn; "
        f"filter change → run ended and element updated **{bare_change:,.0f} ms** "
        f"(runs {results['browser_filter_no_map_runs_ms']}), share {change / bare_change:.2f}×",
    ]


if __name__ == "__main__":
    raise SystemExit(main())
