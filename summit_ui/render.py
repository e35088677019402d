"""Rendering helpers shared by the pages: charts with their words, tables, banners, empty states."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from summit.dataset import Dataset
from summit.figures import Chart
from summit.history import as_of_banner
from summit.i18n import N_, _, ngettext
from summit.problems import Problem

PNG_SIZE = {"width": 1920, "height": 1080}
MAX_PROBLEMS_IN_BANNER = 5


def plotly_config(filename: str) -> dict:
    """Chart toolbar: PNG download at projector size, rendered in the browser (no server, no internet)."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 1, **PNG_SIZE},
    }


def slug(text: str) -> str:
    """File-name-safe version of a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "chart"


def render_chart(chart: Chart, *, key: str | None = None, height: int | None = None) -> None:
    """A Plotly chart with our own template, then its description for screen readers and projectors."""
    st.plotly_chart(
        chart.figure,
        theme=None,
        config=plotly_config(slug(chart.title)),
        key=key,
        width="stretch",
        height=height or "content",
        alt=chart.alt,
    )
    st.caption(_("Chart description: {description}").format(description=text_cell(chart.alt)))


def render_title(text: str) -> None:
    """Page title; data text in it is shown as typed, never as Markdown."""
    st.title(text_cell(text), anchor=False)


SCOPE_HINT = N_("Add them with “Also include” in the filters.")  # read with _(SCOPE_HINT)


def render_sentence(text: str, notes: Iterable[str] = ()) -> None:
    """The one sentence that states the active filters, and the notes on what they leave out or matched."""
    st.markdown(f"**{text_cell(text)}**")
    for note in notes:
        if note:
            st.caption(text_cell(note))


def filter_link(filters: Any, page: str, text: object, **changes: Any) -> str:
    """Markdown link to a page showing these filters with some changed: a number that opens its records."""
    params = replace(filters, **changes).to_query_params()
    return f"[{text_cell(text)}]({page}?{urlencode(params)})"


def render_empty(nothing: str) -> None:
    """An empty result said in words, with the way out: `nothing` is the whole sentence, in the reader's language
    ("No pledges match the current filters.")."""
    st.info(f"{nothing} " + _("Use **Reset filters** in the sidebar to see everything."))


def render_problems_banner(problems: tuple[Problem, ...], stale: bool, warnings: tuple[Problem, ...] = ()) -> None:
    """Data problems, then files not read, at the top of every page; both lists are complete on the Sources page."""
    if problems:
        head = (
            _("The data files have problems; the last good data is still shown.")
            if stale
            else _("The data files have problems and no valid data could be loaded.")
        )
        st.error(head + "\n\n" + _listed(problems), icon="⚠️")
    if warnings:
        head = _("Some files in the data folder are not read; the data shown does not include them.")
        st.warning(head + "\n\n" + _listed(warnings, located=False), icon="⚠️")


def render_as_of_banner(shown: Dataset, whole: Dataset) -> None:
    """Say which day the data is seen as of, when it is not the dataset's own as-of date."""
    if shown.info.as_of != whole.info.as_of:
        st.info(as_of_banner(shown.info.as_of, whole.info.as_of), icon=":material/history:")


def _listed(problems: tuple[Problem, ...], *, located: bool = True) -> str:
    """Up to MAX_PROBLEMS_IN_BANNER problems as a Markdown list, then how many more there are."""
    lines = [f"- {text_cell(p if located else f'{p.file}: {p.message}')}" for p in problems[:MAX_PROBLEMS_IN_BANNER]]
    more = len(problems) - MAX_PROBLEMS_IN_BANNER
    if more > 0:
        lines.append(
            "- "
            + ngettext("… and {n} more (see Sources & method)", "… and {n} more (see Sources & method)", more).format(
                n=more
            )
        )
    return "\n".join(lines)


# Markdown-active characters: CommonMark's, plus `$` (math), `&` (entities), `=` (headings) and `:`.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")
# GFM finds bare links (http://x, www.x, a@b.c) and Streamlit its :material/icon: names in the text left
# after escapes are resolved, so escaping cannot stop them: an invisible WORD JOINER breaks each pattern.
_LINK_PATTERNS = re.compile(r"(?<=:)(?=//|material[/_])|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def text_cell(value: object) -> str:
    """Plain text for Markdown contexts: nothing formats, links or becomes an icon; one line."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(value))
    return _MARKDOWN_ACTIVE.sub(r"\\\1", _LINK_PATTERNS.sub(WORD_JOINER, text))


def table_height(table: pd.DataFrame, max_rows: int = 20) -> int:
    """Height in pixels showing up to max_rows rows without an inner scrollbar for short tables."""
    return 38 + 35 * min(len(table), max_rows)


def render_problem_list(problems: tuple[Problem, ...], *, located: bool = True) -> None:
    """Every problem as a table: file, line, column (when located), message."""
    table = pd.DataFrame(
        [
            {_("File"): str(p.file), _("Line"): p.line, _("Column"): p.column, _("Problem"): p.message}
            if located
            else {_("File"): str(p.file), _("Problem"): p.message}
            for p in problems
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


# Printing a page (A4 or Letter: the size is left to the printer) shows what a reader needs on paper: no
# sidebar, menu or widgets; each table as its print copy (summit_ui.tables.render_print_table), every column
# wrapped to the page width, its header repeated on each sheet; the whole page, not the first screen (the
# app scrolls inside its own box, which a printout would cut); and the footer with the as-of date and source.
# Selectors are Streamlit's data-testid names (stable test hooks), not its generated class names.
PRINT_STYLE = """<style>
/* On screen: narrower side margins than Streamlit's wide layout (5rem), so tables keep their columns at 1280. */
@media screen and (min-width: 768px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
[data-testid="stElementContainer"]:has(.summit-print-only) { display: none; }
.summit-print-only { display: none; }
@media print {
  @page { margin: 12mm; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    height: auto !important; overflow: visible !important; position: static !important;
  }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stPopover"],
  [data-testid="stDataFrame"], [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"],
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]), [class*="st-key-screen_only"],
  [data-testid="stElementContainer"]:has([data-testid="stDownloadButton"]),
  [data-testid="stElementContainer"]:has([data-testid="stPopover"]) { display: none !important; }
  [data-testid="stElementContainer"]:has(.summit-print-only) { display: block !important; }
  .summit-print-only { display: block !important; }
  table.summit-print-only { display: table !important; width: 100%; border-collapse: collapse; font-size: 8pt;
    table-layout: auto; }
  table.summit-print-only th, table.summit-print-only td { border: 0.5pt solid #888; padding: 2pt 3pt;
    vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: auto; }
  table.summit-print-only td.url { overflow-wrap: anywhere; font-size: 6.5pt; }
  table.summit-print-only thead { display: table-header-group; }
  table.summit-print-only tr { break-inside: avoid; }
  h1 { font-size: 20pt !important; padding-top: 0 !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>"""
PRINT_ONLY_CLASS = "summit-print-only"
SCREEN_ONLY_KEY = "screen_only"  # prefix of the keys of containers left off paper (how to use a widget)


def render_print_style() -> None:
    """The print stylesheet, once per run (a style-only st.html takes no room on the page)."""
    st.html(PRINT_STYLE)


def render_print_footer(as_of: str, citation: str, licence: str) -> None:
    """On paper only: when the data stood, how to cite it, its licence."""
    text = _("Data as of {day}. Cite as: {citation}. Licence: {licence}.").format(
        day=as_of, citation=citation.rstrip("."), licence=licence.rstrip(".")
    )
    text += " " + _("Check the cited sources before quoting.")
    st.html(f'<p class="{PRINT_ONLY_CLASS}">{html.escape(text)}</p>')


# On a tablet (a window up to TABLET_MAX_PX wide) the open sidebar covers half the page, so it is closed after
# each move to another page, as a phone's menu is; a rerun on the same page (a filter changed in the sidebar)
# leaves it as it is. Runs in the page itself; the page's path is in the script so that a new page runs it.
TABLET_MAX_PX = 1024
_CLOSE_SIDEBAR_SCRIPT = """<script>
(() => {{
  const path = {path};
  const previous = window.__summitPagePath;
  window.__summitPagePath = path;
  if (previous === undefined || previous === path || window.innerWidth > {width}) return;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  if (!sidebar || sidebar.getAttribute('data-collapsed') !== 'false') return;
  const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (close) close.click();
}})();
</script>"""


# The page declares the language it is shown in (WCAG 3.1.1): Streamlit's page says "en" whatever it holds.
_PAGE_LANGUAGE_SCRIPT = """<script>document.documentElement.lang = {lang};</script>"""


def render_page_language(lang: str) -> None:
    """Set the page's `lang` attribute to the interface language of this run."""
    st.html(_PAGE_LANGUAGE_SCRIPT.format(lang=json.dumps(lang)), unsafe_allow_javascript=True)


def render_close_sidebar_on_tablets(page_path: str) -> None:
    """Close the sidebar after navigation on tablet-sized windows (see _CLOSE_SIDEBAR_SCRIPT)."""
    script = _CLOSE_SIDEBAR_SCRIPT.format(path=json.dumps(page_path), width=TABLET_MAX_PX)
    st.html(script, unsafe_allow_javascript=True)


# --- keyboard use (issue 15) ----------------------------------------------------------------------
# One focus ring for everything the keyboard reaches, in a colour no other state uses: Streamlit marks the
# current page's link and a focused link with the same grey background, and many of its widgets show focus
# only as a 1 px border in the primary colour. Blue, not the primary red: a selected button is red.
# tests/test_contrast.py checks the ring against the backgrounds it is drawn on (3:1, WCAG 1.4.11).
FOCUS_COLOUR = "#1d4ed8"
FOCUS_RING_PX = 3
# Key prefix of the tables whose selected row opens something (a profile, a record's detail): Enter or
# Space on a row of them selects it (KEYBOARD_SCRIPT below).
OPENS_ROW_KEY = "opens_row"
KEYBOARD_STYLE = f"""<style>
:focus-visible {{ outline: {FOCUS_RING_PX}px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important; }}
/* Room for the ring when focus scrolls a control into view at the sidebar's or the page's edge. */
:is(a, button, input, textarea, [tabindex]) {{ scroll-margin-block: 12px; }}
/* A select's or a text field's input sits in a box that clips it: the ring goes on the field around that box
   (React Aria's own class names, which Streamlit's widgets are built from). A switch's input is hidden: the
   ring goes on its track. */
.react-aria-ComboBox input:focus-visible, .react-aria-TextField :is(input, textarea):focus-visible {{
  outline: none !important;
}}
.react-aria-ComboBox:has(input:focus-visible), .react-aria-TextField:has(:is(input, textarea):focus-visible),
label:has(input[role="switch"]:focus-visible) > span + div {{
  outline: {FOCUS_RING_PX}px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important; border-radius: 0.5rem;
}}
/* What fills a box that clips (a table's or the map's canvas, the main area, a segmented button, the map's
   download button at the component's edge): the ring is drawn just inside its edge. */
canvas:focus-visible, [data-testid="stMain"]:focus-visible, [data-testid="stButtonGroup"] button:focus-visible,
.summit-map-download:focus-visible {{ outline-offset: -{FOCUS_RING_PX}px !important; }}
</style>"""
# Runs in the page itself (st.html), once per browser tab, before the grids see a key (capture phase):
# - Tab and Shift+Tab on a table (a glide-data-grid canvas) leave it, instead of moving cell by cell (the
#   grid's own binding): the key is kept from the grid and the browser moves focus on. Each table's scroller
#   is taken out of the Tab order (Chromium makes a scroller with nothing focusable in it a Tab stop of its
#   own), so a table is one Tab stop, with the arrow keys inside it.
# - Enter or Space on a row of a table that opens rows (OPENS_ROW_KEY) selects it, as Shift+Space does,
#   so the row opens. On other tables they keep the grid's meaning (show the cell in full).
KEYBOARD_SCRIPT = f"""<script>
(() => {{
  if (window.__summitKeyboard) return;
  window.__summitKeyboard = true;
  const plain = (event) => !event.altKey && !event.ctrlKey && !event.metaKey;
  window.addEventListener("keydown", (event) => {{
    if (event.key === "Tab") {{
      document.querySelectorAll(".dvn-scroller:not([tabindex])").forEach((scroller) => {{ scroller.tabIndex = -1; }});
    }}
    const grid = event.target;
    if (!(grid instanceof HTMLCanvasElement) || grid.dataset.testid !== "data-grid-canvas" || !plain(event)) return;
    if (event.key === "Tab") {{
      event.stopPropagation();
    }} else if ((event.key === "Enter" || event.key === " ") && !event.shiftKey
               && grid.closest('[class*="st-key-{OPENS_ROW_KEY}_"]')) {{
      event.stopPropagation();
      event.preventDefault();
      const select = {{key: " ", code: "Space", keyCode: 32, shiftKey: true, bubbles: true, cancelable: true}};
      grid.dispatchEvent(new KeyboardEvent("keydown", select));
    }}
  }}, true);
}})();
</script>"""


def render_keyboard_paths() -> None:
    """The focus ring and the tables' keys (KEYBOARD_STYLE, KEYBOARD_SCRIPT), once per run."""
    st.html(KEYBOARD_STYLE)
    st.html(KEYBOARD_SCRIPT, unsafe_allow_javascript=True)
