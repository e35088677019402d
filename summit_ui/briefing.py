"""Presenting the briefing in the browser: one slide on a 1920×1080 canvas scaled to the screen, controls, handouts.

The slide's words are HTML from the core (summit.briefing.html), every data string escaped; the chart is
drawn by Plotly in a frame on the same canvas box as the deck's image. The canvas is scaled with a CSS
transform, so every size on it is a design pixel. The sidebar, header and toolbar are hidden by CSS
that lives in this page's elements only, so other pages keep them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.io as pio
import streamlit as st

from summit.briefing.html import slide_html
from summit.briefing.images import ChartRenderError, ChartStep, browser_problem, render_chart_images
from summit.briefing.layout import CANVAS_HEIGHT, CANVAS_WIDTH, Box, Slide, slide_layout
from summit.briefing.slides import build_briefing, document_info
from summit.briefing.text import (
    BODY_PX,
    BULLET_GAP,
    CELL_PAD_X,
    CELL_PAD_Y,
    FOOTER_PX,
    LINE_HEIGHT,
    TABLE_PX,
    TABLE_RULE_PX,
)
from summit.briefing.theme import THEME_COLOURS, THEMES, themed_figure
from summit.filenames import BRIEFING, build_file_stem
from summit.formats import Subject, formats_for
from summit.i18n import _, current_language, ngettext, use_language
from summit_ui.context import PageContext
from summit_ui.exports import render_download

SLIDE_PARAM = "slide"
THEME_PARAM = "theme"
# Widget and container keys; the containers' keys are also their CSS classes (st-key-<key>).
CANVAS_KEY = "briefing_canvas"
CHART_KEY = "briefing_chart"
CONTROLS_KEY = "briefing_controls"
PREVIOUS_KEY = "briefing_previous"
NEXT_KEY = "briefing_next"
THEME_KEY = "briefing_theme"
HANDOUTS_KEY = "briefing_handouts"
PREPARE_KEY = "briefing_prepare"
# Session key: the (data, filters) whose chart images are ready for the handouts.
PREPARED_KEY = "briefing_prepared"
OVERVIEW_PAGE = "app_pages/overview.py"
# Charts on a projected slide: no mode bar (its icons would show over the slide when the pointer passes).
# The handouts carry the charts as pictures, and the pages keep the toolbar's PNG download.
SLIDE_CHART_CONFIG = {"displayModeBar": False, "displaylogo": False}
# Table rules and tile backgrounds per theme, with the text colours from summit.briefing.theme.
SURFACES = {"light": ("#f0f0f0", "#7a7a7a"), "dark": ("#1c1c1c", "#9a9a9a")}


@st.cache_resource(show_spinner=False, max_entries=16)
def _slides(_ctx: PageContext, fingerprint: str, filters) -> list[Slide]:
    """Slides once per (data, filters), shared read-only by every session (figures are copied to theme)."""
    return build_briefing(_ctx.dataset, _ctx.frames, _ctx.filters, _ctx.rows)


def briefing_slides(ctx: PageContext) -> list[Slide]:
    """The slides of the current view."""
    return _slides(ctx, ctx.dataset.fingerprint, ctx.filters)


@dataclass
class _ImageShelf:
    """The chart PNGs of one (data, filters) once drawn; the lock lets one session draw them at a time."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    images: dict[str, bytes] | None = None


@st.cache_resource(show_spinner=False, max_entries=8)
def _image_shelf(fingerprint: str, filters) -> _ImageShelf:
    """The shelf for the chart images of one (data, filters), shared by every session."""
    return _ImageShelf()


def chart_images(
    slides: list[Slide], fingerprint: str, filters, progress: Callable[[ChartStep], None] | None = None
) -> dict[str, bytes]:
    """Chart PNGs for the handouts, drawn once per (data, filters) and shared; a failure is not kept.

    progress hears each chart as it is drawn; when the images are on the shelf nothing is drawn or reported.
    The drawing is not itself a cached function: Streamlit records the elements a cached function draws to
    replay them on a hit, and a progress bar made outside the function cannot be replayed (a hit would raise
    CacheReplayClosureError), nor should a callback be part of the cache key. So the cache holds the shelf.
    """
    shelf = _image_shelf(fingerprint, filters)
    with shelf.lock:
        if shelf.images is None:
            shelf.images = render_chart_images(slides, progress=progress)
        return shelf.images


def chart_step_text(step: ChartStep) -> str:
    """'Drawing chart 2 of 5: Who does what…', said while the handouts' charts are drawn."""
    if step.number == 1:
        text = _("Drawing chart {number} of {total}: {title}… (starting the local browser; no internet is used)")
    else:
        text = _("Drawing chart {number} of {total}: {title}…")
    return text.format(number=step.number, total=step.total, title=step.title)


def current_slide(count: int) -> int:
    """The 1-based slide number from the URL, clamped to the slides there are; the URL is corrected."""
    raw = st.query_params.get(SLIDE_PARAM, "1")
    try:
        number = int(raw)
    except ValueError:
        number = 1
    number = min(max(number, 1), max(count, 1))
    if raw != str(number):
        st.query_params[SLIDE_PARAM] = str(number)
    return number


def current_theme() -> str:
    """'light' or 'dark', from the URL (light unless it says dark)."""
    theme = st.query_params.get(THEME_PARAM, "light")
    return theme if theme in THEMES else "light"


def _go_to(number: int) -> None:
    """Previous/next callback: the URL names the slide."""
    st.query_params[SLIDE_PARAM] = str(number)


def _toggle_theme(theme: str) -> None:
    """Theme button callback."""
    st.query_params[THEME_PARAM] = "dark" if theme == "light" else "light"


# --- style and keyboard ----------------------------------------------------------------------


def render_presenting_style(theme: str, slide: Slide) -> None:
    """CSS for presenting: no sidebar, header or toolbar; the canvas scaled to fit the window."""
    background, ink, muted, _grid = THEME_COLOURS[theme]
    surface, rule = SURFACES[theme]
    layout = slide_layout(slide)
    chart = layout.chart or Box(0, 0, 0, 0)
    st.html(
        f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] {{ display: none !important; }}
.stApp, [data-testid="stMain"] {{ background: {background}; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
.st-key-{CANVAS_KEY} {{
  position: fixed; left: 50%; top: 50%; width: {CANVAS_WIDTH}px !important; height: {CANVAS_HEIGHT}px !important;
  max-width: none !important; min-width: 0 !important; flex: none !important;
  transform: translate(-50%, -50%) scale(var(--briefing-scale, 1)); transform-origin: center;
  background: {background}; color: {ink}; overflow: hidden; display: block; gap: 0;
}}
.st-key-{CANVAS_KEY} > * {{ position: static; }}
.briefing-slide {{ position: absolute; left: 0; top: 0; width: {CANVAS_WIDTH}px; height: {CANVAS_HEIGHT}px;
  color: {ink}; font-family: "DejaVu Sans", Verdana, sans-serif; }}
.briefing-slide .box {{ position: absolute; margin: 0; overflow: hidden; }}
.briefing-slide h1.box {{ font-weight: 700; line-height: {LINE_HEIGHT}; padding: 0; color: {ink}; }}
.briefing-slide p.box {{ line-height: {LINE_HEIGHT}; }}
.briefing-slide .subtitle {{ color: {muted}; }}
.briefing-slide ul.box {{ padding: 0 0 0 {BODY_PX}px; font-size: {BODY_PX}px; line-height: {LINE_HEIGHT}; }}
.briefing-slide ul.box li {{ margin: 0 0 {BULLET_GAP}px 0; padding: 0; }}
.briefing-slide ul.box li:last-child {{ margin-bottom: 0; }}
.briefing-slide table {{ border-collapse: collapse; table-layout: fixed; width: 100%; font-size: {TABLE_PX}px;
  line-height: {LINE_HEIGHT}; color: {ink}; }}
.briefing-slide th, .briefing-slide td {{ border: {TABLE_RULE_PX}px solid {rule};
  padding: {CELL_PAD_Y}px {CELL_PAD_X}px; text-align: left; vertical-align: top; }}
.briefing-slide th {{ background: {surface}; font-weight: 700; }}
.briefing-slide .tile {{ display: flex; flex-direction: column; justify-content: center; align-items: center;
  background: {surface}; border: 2px solid {rule}; }}
.briefing-slide .tile .value {{ font-weight: 700; line-height: 1.1; text-align: center; }}
.briefing-slide .tile .label {{ font-size: {BODY_PX}px; line-height: {LINE_HEIGHT}; text-align: center; }}
.briefing-slide .footer {{ font-size: {FOOTER_PX}px; color: {muted}; white-space: nowrap; }}
.st-key-{CHART_KEY} {{ position: absolute !important; left: {chart.x}px; top: {chart.y}px;
  width: {chart.w}px !important; height: {chart.h}px; }}
.st-key-{CONTROLS_KEY} {{ position: fixed; right: 12px; bottom: 10px; width: auto !important; z-index: 1000;
  background: {background}; border: 1px solid {rule}; border-radius: 8px; padding: 4px 8px; opacity: 0.75; }}
.st-key-{CONTROLS_KEY}:hover, .st-key-{CONTROLS_KEY}:focus-within {{ opacity: 1; }}
.st-key-{CONTROLS_KEY} p, .st-key-{CONTROLS_KEY} button, .st-key-{CONTROLS_KEY} a,
.st-key-{CONTROLS_KEY} a span {{ color: {ink} !important; }}
.st-key-{CONTROLS_KEY} button, .st-key-{CONTROLS_KEY} a {{ background: {background}; border-color: {rule}; }}
</style>"""
    )


# Runs in the page itself (st.html, not an iframe): arrow and page keys press the previous/next
# buttons, and the canvas scale follows the window size. Installed once per browser tab.
KEYBOARD_SCRIPT = f"""<script>
(() => {{
  const fit = () => document.documentElement.style.setProperty(
    "--briefing-scale", Math.min(window.innerWidth / {CANVAS_WIDTH}, window.innerHeight / {CANVAS_HEIGHT}));
  fit();
  if (window.__summitBriefing) return;
  window.__summitBriefing = true;
  window.addEventListener("resize", fit);
  const keys = {{
    ArrowRight: "{NEXT_KEY}", PageDown: "{NEXT_KEY}", ArrowLeft: "{PREVIOUS_KEY}", PageUp: "{PREVIOUS_KEY}",
  }};
  document.addEventListener("keydown", (event) => {{
    const key = keys[event.key];
    if (!key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!document.querySelector(".st-key-{CANVAS_KEY}") || document.querySelector("[role=dialog]")) return;
    const target = event.target;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    // Streamlit keeps a hidden copy of a button that has a tooltip: press the one on screen.
    const button = [...document.querySelectorAll(".st-key-" + key + " button")].find((b) => b.getClientRects().length);
    if (button && !button.disabled) {{
      event.preventDefault();
      button.click();
    }}
  }});
}})();
</script>"""


def render_keyboard_navigation() -> None:
    """Arrow keys and presenter remotes (Page Up/Down) move between slides."""
    st.html(KEYBOARD_SCRIPT, unsafe_allow_javascript=True)


# --- the slide -------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=32)
def _chart_page(_slide: Slide, fingerprint: str, filters, key: str, theme: str) -> str:
    """A standalone page drawing one slide chart with Plotly's own script inlined (no request leaves it)."""
    assert _slide.chart is not None
    figure = themed_figure(_slide.chart.figure, theme)
    background = THEME_COLOURS[theme][0]
    page = pio.to_html(
        figure,
        include_plotlyjs=True,
        full_html=True,
        config=SLIDE_CHART_CONFIG,
        default_width=f"{figure.layout.width}px",
        default_height=f"{figure.layout.height}px",
    )
    style = f"<style>html, body {{ margin: 0; overflow: hidden; background: {background}; }}</style>"
    return page.replace("<head>", "<head>" + style, 1)


def render_slide(ctx: PageContext, slide: Slide, theme: str) -> None:
    """The slide on the canvas; its chart without Plotly's toolbar (SLIDE_CHART_CONFIG).

    The chart is drawn in a frame of the chart box's design size: inside it Plotly lays out at that
    size whatever the scale of the canvas, so the chart scales with the slide like the deck's image.
    (st.plotly_chart measures its scaled size on screen and would shrink the figure a second time.)
    """
    with st.container(key=CANVAS_KEY):
        st.html(slide_html(slide))
        if slide.chart is not None:
            box = slide_layout(slide).chart
            assert box is not None
            page = _chart_page(slide, ctx.dataset.fingerprint, ctx.filters, slide.key, theme)
            with st.container(key=CHART_KEY):
                st.iframe(page, width=box.w, height=box.h, alt=slide.chart.alt)


# --- controls and handouts -------------------------------------------------------------------


def render_controls(ctx: PageContext, slides: list[Slide], number: int, theme: str) -> None:
    """Previous, slide number, next, theme, handouts and exit, in a small bar at the bottom right."""
    count = len(slides)
    with st.container(key=CONTROLS_KEY, horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            _("Previous"),
            key=PREVIOUS_KEY,
            icon=":material/arrow_back:",
            help=_("Previous slide (← or Page Up)"),
            on_click=_go_to,
            args=(number - 1,),
            disabled=number <= 1,
        )
        st.markdown(f"**{number} / {count}**")
        st.button(
            _("Next"),
            key=NEXT_KEY,
            icon=":material/arrow_forward:",
            help=_("Next slide (→ or Page Down)"),
            on_click=_go_to,
            args=(number + 1,),
            disabled=number >= count,
        )
        st.button(
            _("Dark") if theme == "light" else _("Light"),
            key=THEME_KEY,
            icon=":material/contrast:",
            help=_("Switch between the high-contrast light and dark themes"),
            on_click=_toggle_theme,
            args=(theme,),
        )
        handouts = _(" and ").join(_(f.label) for f in formats_for(Subject.BRIEFING))
        if st.button(_("Handouts"), key=HANDOUTS_KEY, icon=":material/download:", help=handouts):
            # The dialog's title is given as it opens, in the language of the run.
            st.dialog(_("Handouts: the whole briefing"), width="large")(_handouts_dialog)(
                ctx, slides, current_language()
            )
        st.page_link(
            OVERVIEW_PAGE, label=_("Exit"), icon=":material/close:", query_params=ctx.filters.to_query_params()
        )


def _handouts_dialog(ctx: PageContext, slides: list[Slide], lang: str) -> None:
    """Prepare the chart images once, then download the deck in every briefing format.

    lang: the language of the run that opened the dialog, set again when the dialog reruns on its own (a
    fragment's rerun does not run app.py, which sets it)."""
    use_language(lang)
    formats = formats_for(Subject.BRIEFING)
    info = document_info(ctx.dataset, ctx.filters, ctx.rows)
    notes = " ".join(_(export.note) for export in formats if export.note)
    shown = _(" and as ").join(_(f.label) for f in formats)
    sentence = ngettext(
        "{n} slide for the current filters, as {formats}.",
        "{n} slides for the current filters, as {formats}.",
        len(slides),
    ).format(n=len(slides), formats=shown)
    st.write(f"{sentence} {notes}".strip())
    st.text(info.subject)
    problem = browser_problem()
    if problem:
        st.warning(problem, icon=":material/warning:")
        return
    key = (ctx.dataset.fingerprint, ctx.filters)
    slot = st.empty()
    if st.session_state.get(PREPARED_KEY) != key and not slot.button(
        _("Prepare the files"), key=PREPARE_KEY, type="primary"
    ):
        return

    def report(step: ChartStep) -> None:
        # In the button's place, a bar that names each chart; never shown when the images are ready.
        slot.progress((step.number - 1) / step.total, text=chart_step_text(step))

    try:
        images = chart_images(slides, *key, progress=report)
    except ChartRenderError as error:
        st.error(str(error), icon=":material/error:")
        return
    finally:
        slot.empty()
    st.session_state[PREPARED_KEY] = key
    stem = build_file_stem(ctx.dataset, ctx.filters, BRIEFING)
    for column, export in zip(st.columns(len(formats)), formats, strict=True):
        with column:
            render_download(
                export,
                _("Download {format}").format(format=_(export.label)),
                lambda export=export: export.write(slides, images, info),
                stem,
                key=f"briefing_{export.id}",
            )
