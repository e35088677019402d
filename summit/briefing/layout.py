"""The slide, and where each of its parts goes on the 1920×1080 canvas.

Every slide is laid out on a 1920×1080 canvas (design pixels). The browser scales the canvas to the
screen, the deck writes it at half a point per pixel (13.33 × 7.5 in), so the three renderings place
the same text in the same boxes. The slide builders (summit.briefing.slides) fit their text to these
boxes; the renderings (html, pptx, pdf) draw a slide from its Slide and its Layout alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summit.briefing.text import (
    BODY_PX,
    FOOTER_PX,
    SUBTITLE_OPENING_PX,
    SUBTITLE_PX,
    TITLE_OPENING_PX,
    TITLE_PX,
    bullets_height,
    line_px,
)

if TYPE_CHECKING:
    import pandas as pd

    from summit.figures import Chart

CANVAS_WIDTH, CANVAS_HEIGHT = 1920, 1080
MARGIN_X = 80
TITLE_Y = 48
# Room at the bottom for the footer line and, in the browser, the slide controls.
CONTENT_BOTTOM = 960
FOOTER_Y = 1000
# The footer leaves the bottom right corner to the slide number (and, in the browser, the controls).
FOOTER_WIDTH = 960
# The slide number ("3 / 14") the handouts print in that corner.
COUNTER_WIDTH = 200
# 1920 design pixels = 13.333 in = 960 pt: the handouts are drawn at half a point per pixel.
PT_PER_PX = 0.5


@dataclass(frozen=True)
class Box:
    """A rectangle on the canvas, in design pixels."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Slide:
    """One slide: the words, at most one table and one chart, and speaker notes.

    kind: "title" (opening slide), "numbers" (key figures as tiles, from `table`) or "content".
    table_widths: share of the table's width per column (sums to 1).
    title_size, subtitle_size: type sizes fitted to the text (summit.briefing.text.fit_size); 0 for the
    kind's own size.
    """

    key: str
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    table: pd.DataFrame | None = field(default=None, compare=False)
    table_widths: tuple[float, ...] = ()
    chart: Chart | None = field(default=None, compare=False)
    notes: str = ""
    kind: str = "content"
    footer: str = ""
    title_size: int = 0
    subtitle_size: int = 0


@dataclass(frozen=True)
class DocumentInfo:
    """What a handout file says about itself (PowerPoint's and PDF's document properties)."""

    title: str
    author: str  # who publishes the data: the dataset's maintainer
    subject: str  # the filters, in the sentence every page shows
    keywords: tuple[str, ...] = ()
    comments: str = ""  # how to cite the data


@dataclass(frozen=True)
class Layout:
    """Where each part of a slide goes; None for a part the slide does not have."""

    title: Box
    subtitle: Box | None
    bullets: Box | None
    table: Box | None
    chart: Box | None
    numbers: tuple[Box, ...]
    footer: Box


def title_px(slide: Slide) -> int:
    """Type size of the slide's title: fitted to it, else the kind's own."""
    return slide.title_size or (TITLE_OPENING_PX if slide.kind == "title" else TITLE_PX)


def subtitle_px(slide: Slide) -> int:
    """Type size of the slide's subtitle: fitted to it, else the kind's own."""
    return slide.subtitle_size or (SUBTITLE_OPENING_PX if slide.kind == "title" else SUBTITLE_PX)


def slide_layout(slide: Slide) -> Layout:
    """The boxes of a slide: title, subtitle, then the body (bullets, table, chart or number tiles)."""
    width = CANVAS_WIDTH - 2 * MARGIN_X
    footer = Box(MARGIN_X, FOOTER_Y, FOOTER_WIDTH, line_px(FOOTER_PX))
    if slide.kind == "title":
        title = Box(MARGIN_X, 250, width, 2 * line_px(TITLE_OPENING_PX))
        subtitle = Box(MARGIN_X, title.y + title.h + 24, width, line_px(SUBTITLE_OPENING_PX))
        top = subtitle.y + subtitle.h + 48
        return Layout(title, subtitle, Box(MARGIN_X, top, width, CONTENT_BOTTOM - top), None, None, (), footer)
    title = Box(MARGIN_X, TITLE_Y, width, line_px(TITLE_PX))
    subtitle = Box(MARGIN_X, title.y + title.h + 8, width, line_px(SUBTITLE_PX)) if slide.subtitle else None
    top = (subtitle.y + subtitle.h if subtitle else title.y + title.h) + 32
    height = CONTENT_BOTTOM - top
    if slide.kind == "numbers":
        count = len(slide.table) if slide.table is not None else 0
        gap = 32
        tile_w = (width - gap * (count - 1)) // max(count, 1)
        tiles = tuple(Box(MARGIN_X + i * (tile_w + gap), top, tile_w, 300) for i in range(count))
        below = top + 300 + 48
        bullets = Box(MARGIN_X, below, width, CONTENT_BOTTOM - below) if slide.bullets else None
        return Layout(title, subtitle, bullets, None, None, tiles, footer)
    if slide.chart is not None:
        if slide.bullets:
            chart = Box(MARGIN_X, top, 1160, height)
            bullets = Box(MARGIN_X + 1160 + 48, top, width - 1160 - 48, height)
            return Layout(title, subtitle, bullets, None, chart, (), footer)
        return Layout(title, subtitle, None, None, Box(MARGIN_X, top, width, height), (), footer)
    if slide.table is not None:
        bullets = None
        if slide.bullets:
            bullets = Box(MARGIN_X, top, width, bullets_height(slide.bullets, width, BODY_PX))
            top += bullets.h + 32
        return Layout(title, subtitle, bullets, Box(MARGIN_X, top, width, CONTENT_BOTTOM - top), None, (), footer)
    return Layout(title, subtitle, Box(MARGIN_X, top, width, height), None, None, (), footer)


def counter_box(layout: Layout) -> Box:
    """Where the handouts print the slide number: the bottom right corner, on the footer's line."""
    return Box(CANVAS_WIDTH - MARGIN_X - COUNTER_WIDTH, layout.footer.y, COUNTER_WIDTH, layout.footer.h)
