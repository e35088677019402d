"""The briefing: slides built once from the data and the filters, then drawn in the browser, as .pptx and as PDF.

Every slide is laid out on a 1920×1080 canvas (design pixels). The browser scales the canvas to the
screen, the deck writes it at half a point per pixel (13.33 × 7.5 in), so the three renderings place
the same text in the same boxes. Text is paginated here, with the type sizes below, so that it fits.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from summit import frames as F
from summit import geo
from summit.dataset import Dataset
from summit.figures import Chart, type_bar_chart
from summit.filters import FilteredRows, Filters
from summit.frames import Frames
from summit.maps import BORDER_NOTE, build_map_data, map_chart
from summit.overview import key_numbers
from summit.tables import MATRIX_LEGEND, matrix_table, pledge_mark
from summit.vocabulary import STATUS_LABELS, Attendance, Confidence, Status

# --- geometry and type (design pixels on the 1920×1080 canvas) -------------------------------

CANVAS_WIDTH, CANVAS_HEIGHT = 1920, 1080
MARGIN_X = 80
TITLE_Y, TITLE_PX = 48, 56
SUBTITLE_PX = 32
TITLE_OPENING_PX, SUBTITLE_OPENING_PX = 72, 36
BODY_PX = 30
TABLE_PX = 26
NUMBER_PX = 104
FOOTER_PX = 24
LINE_HEIGHT = 1.3
BULLET_GAP = 14
# Room at the bottom for the footer line and, in the browser, the slide controls.
CONTENT_BOTTOM = 960
FOOTER_Y = 1000
# The footer leaves the bottom right corner to the slide number (and, in the browser, the controls).
FOOTER_WIDTH = 960
# Average advance width of a character as a share of the font size. 0.58 is DejaVu Sans (the widest
# of the fonts the three renderings use) on mixed text, so text that fits here fits everywhere.
CHAR_EM = 0.58
CELL_PAD_X, CELL_PAD_Y = 14, 8
# Figures on slides: fonts and widths scaled for a room (figures.py draws 14 px labels at scale 1).
PROJECTOR_SCALE = 1.8
MAX_BAR_TYPES = 12
SPOTLIGHTS = 3
# Descriptions on spotlight slides are cut to this many characters (the notes keep them whole).
SPOTLIGHT_CHARS = 240
MAX_SOURCES = 8

THEMES = ("light", "dark")


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


def line_px(size: int) -> int:
    """Height of one line of text of the given size."""
    return math.ceil(size * LINE_HEIGHT)


def chars_per_line(width: int, size: int) -> int:
    """Characters of text that fit on one line `width` px wide at `size` px (a conservative estimate)."""
    return max(8, int(width / (size * CHAR_EM)))


@lru_cache(maxsize=4096)  # fitting a slide measures the same texts again and again
def wrap_lines(text: str, width: int, size: int) -> int:
    """Lines that text takes in a box `width` px wide at `size` px (a conservative estimate)."""
    return max(1, len(textwrap.wrap(text, chars_per_line(width, size), break_long_words=True)) if text else 1)


def number_px(value: str, width: int) -> int:
    """Type size of a key figure in a tile `width` px wide: as big as fits on one line, at most NUMBER_PX."""
    return max(BODY_PX, min(NUMBER_PX, int((width - 2 * CELL_PAD_X) / (max(len(value), 1) * 0.62))))


def bullets_height(bullets: tuple[str, ...], width: int, size: int = BODY_PX) -> int:
    """Height of a bullet list (text indented by one em for the bullet sign)."""
    if not bullets:
        return 0
    lines = sum(wrap_lines(b, width - size, size) for b in bullets)
    return lines * line_px(size) + BULLET_GAP * (len(bullets) - 1)


def table_row_heights(table: pd.DataFrame, widths: tuple[float, ...], width: int) -> list[int]:
    """Height of the header row, then of each row, of a table drawn `width` px wide."""
    columns = [width * share - 2 * CELL_PAD_X for share in widths]
    rows = [list(map(str, table.columns)), *([str(v) for v in row] for row in table.itertuples(index=False))]
    return [
        max(wrap_lines(cell, int(w), TABLE_PX) for cell, w in zip(row, columns, strict=True)) * line_px(TABLE_PX)
        + 2 * CELL_PAD_Y
        for row in rows
    ]


def title_px(slide: Slide) -> int:
    """Type size of the slide's title."""
    return TITLE_OPENING_PX if slide.kind == "title" else TITLE_PX


def subtitle_px(slide: Slide) -> int:
    """Type size of the slide's subtitle."""
    return SUBTITLE_OPENING_PX if slide.kind == "title" else SUBTITLE_PX


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
            bullets = Box(MARGIN_X, top, width, bullets_height(slide.bullets, width))
            top += bullets.h + 32
        return Layout(title, subtitle, bullets, Box(MARGIN_X, top, width, CONTENT_BOTTOM - top), None, (), footer)
    return Layout(title, subtitle, Box(MARGIN_X, top, width, height), None, None, (), footer)


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else textwrap.shorten(text, limit, placeholder=" …")


def name_list(names: list[str], limit: int) -> str:
    """'A, B, C and 4 more', as many names as fit in `limit` characters."""
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        candidate = ", ".join([*shown, name]) + (f" and {rest} more" if rest else "")
        if len(candidate) > limit and shown:
            return ", ".join(shown) + f" and {len(names) - len(shown)} more"
        shown.append(name)
    return ", ".join(shown)


def paginate(bullets: list[str], box: Box, size: int = BODY_PX) -> list[tuple[str, ...]]:
    """Split bullets into pages that fit the box; a bullet too long for a whole page is shortened."""
    pages: list[tuple[str, ...]] = []
    page: list[str] = []
    budget_chars = int((box.w - size) / (size * CHAR_EM)) * (box.h // line_px(size))
    for bullet in bullets:
        if bullets_height((bullet,), box.w, size) > box.h:
            bullet = shorten(bullet, int(budget_chars * 0.8))
        if page and bullets_height((*page, bullet), box.w, size) > box.h:
            pages.append(tuple(page))
            page = []
        page.append(bullet)
    if page or not pages:
        pages.append(tuple(page))
    return pages


def fit_table(
    table: pd.DataFrame, widths: tuple[float, ...], box: Box
) -> tuple[pd.DataFrame, int]:  # the rows that fit, and how many were left off
    """The first rows of a table that fit in the box."""
    heights = table_row_heights(table, widths, box.w)
    used, rows = heights[0], 0
    for height in heights[1:]:
        if used + height > box.h:
            break
        used += height
        rows += 1
    return table.head(rows).reset_index(drop=True), len(table) - rows


# --- what is shown ---------------------------------------------------------------------------


# The filtered rows the slides are built from: the same as the pages'.
View = FilteredRows


def build_view(dataset: Dataset, frames: Frames, filters: Filters) -> View:
    """Apply the filters the way every page does."""
    return filters.rows(dataset, frames)


def as_of_text(dataset: Dataset) -> str:
    """'Data as of 28 February 2026'."""
    return f"Data as of {dataset.info.as_of:%-d %B %Y}"


def build_briefing(dataset: Dataset, frames: Frames, filters: Filters, view: View | None = None) -> list[Slide]:
    """The slides for the current filters, in presenting order.

    view: the rows these filters select, when the caller has them already (the app applies the filters once
    per rerun); worked out here otherwise.
    """
    view = view if view is not None else build_view(dataset, frames, filters)
    footer = as_of_text(dataset) + (f" · {view.meeting.meeting.short_name}" if view.meeting else "")
    slides = [_title_slide(dataset, filters, view)]
    if view.meeting is not None:
        slides += [
            _numbers_slide(dataset, view),
            _map_slide(dataset, view),
            _types_slide(dataset, view),
            _who_slide(dataset, view),
            _leads_slide(dataset, view),
            _conditions_slide(dataset, view),
            *_questions_slides(view),
            *_disputed_slides(dataset, view),
            *_spotlight_slides(dataset, view),
        ]
    slides.append(_sources_slide(dataset, view))
    return [_finish(slide, footer) for slide in slides]


def _finish(slide: Slide, footer: str) -> Slide:
    """Titles, subtitles and the footer cut to one line each (the opening title may take two)."""
    layout = slide_layout(slide)
    lines = 2 if slide.kind == "title" else 1
    return replace(
        slide,
        title=shorten(slide.title, (chars_per_line(layout.title.w, title_px(slide)) - 4) * lines),
        subtitle=shorten(slide.subtitle, chars_per_line(layout.title.w, subtitle_px(slide))),
        footer=shorten(footer, chars_per_line(layout.footer.w, FOOTER_PX)),
    )


def _title_slide(dataset: Dataset, filters: Filters, view: View) -> Slide:
    if view.meeting is None:
        return Slide(
            "title",
            dataset.info.title,
            as_of_text(dataset),
            ("The dataset has no meetings yet, so there is nothing to brief on.",),
            kind="title",
        )
    meeting = view.meeting.meeting
    place = meeting.city or "online"
    sentence = filters.describe(dataset, len(view.pledges), "pledges and stances")
    return Slide(
        "title",
        shorten(meeting.name, 80),
        f"{meeting.date:%-d %B %Y} · {place} · {as_of_text(dataset)}",
        (sentence, shorten(meeting.summary, 420)),
        notes=f"{meeting.summary}\n\n{meeting.outcome or ''}".strip(),
        kind="title",
    )


def _numbers_slide(dataset: Dataset, view: View) -> Slide:
    assert view.meeting is not None
    numbers = key_numbers(dataset, view.meeting, view.delegations, view.pledges)
    table = pd.DataFrame({"Figure": [n.label for n in numbers], "Value": [n.value for n in numbers]})
    bullets = []
    reported = view.meeting.meeting.reported_counts
    if reported is not None:
        bullets.append(
            f"Sources report {reported.states} states and {reported.organisations} organisations taking part; "
            f"the figures count the {len(view.delegations)} delegations identified in the current view."
        )
    return Slide(
        "numbers",
        "Key numbers",
        view.meeting.meeting.short_name,
        tuple(bullets),
        table=table,
        table_widths=(0.5, 0.5),
        notes="\n".join(f"{n.label}: {n.value}. {n.help}" for n in numbers),
        kind="numbers",
    )


def _map_slide(dataset: Dataset, view: View) -> Slide:
    title = "Who took part"
    if view.delegations.empty:
        return Slide("map", title, bullets=("No participants match the current filters.",))
    data = build_map_data(dataset, view.delegations, view.pledge_types, "pledges")
    organisations = data.organisations[F.NAME].tolist()
    bullets = [f"{len(data.states)} states on the map, shaded by their number of pledges."]
    if organisations:
        bullets.append("Not on the map: " + name_list(organisations, 160) + ".")
    leaders = int(view.delegations[F.IS_LEADER].sum())
    bullets.append(f"{leaders} of {len(view.delegations)} delegations led by a head of state or government.")
    bullets.append("Crimea is shown as part of Ukraine (UN General Assembly resolution 68/262). Grey: not taking part.")
    subtitle = "Participants by number of pledges"
    chart = map_chart(data, "europe", dataset, scale=PROJECTOR_SCALE)
    layout = slide_layout(Slide("map", title, subtitle, tuple(bullets), chart=chart))
    assert layout.chart is not None and layout.bullets is not None
    chart = projector_chart(chart, layout.chart)
    shown = paginate(bullets, layout.bullets)[0]
    return Slide("map", title, subtitle, shown, chart=chart, notes=f"{chart.alt} {BORDER_NOTE}")


def _types_slide(dataset: Dataset, view: View) -> Slide:
    title = "Pledges by commitment type"
    pledged = view.pledge_types[~view.pledge_types[F.IS_STANCE]]
    if pledged.empty:
        return Slide("types", title, bullets=("No pledges match the current filters.",))
    counts = pledged.groupby(F.TYPE)[F.PLEDGE].nunique().sort_values(ascending=False, kind="stable")
    kept = list(counts.index[:MAX_BAR_TYPES])
    conditional = int(view.pledges[~view.pledges[F.IS_STANCE]][F.IS_CONDITIONAL].sum())
    total = int((~view.pledges[F.IS_STANCE]).sum())
    subtitle = f"{total} pledges, {conditional} of them conditional (hatched)"
    if len(counts) > len(kept):
        subtitle += f"; the {len(kept)} most frequent of {len(counts)} types"
    meeting_name = view.meeting.meeting.short_name if view.meeting else ""
    chart = type_bar_chart(
        dataset, view.pledge_types[view.pledge_types[F.TYPE].isin(kept)], meeting_name, scale=PROJECTOR_SCALE
    )
    stub = Slide("types", title, subtitle, chart=chart)
    chart = projector_chart(chart, slide_layout(stub).chart)  # type: ignore[arg-type]
    return Slide("types", title, subtitle, chart=chart, notes=chart.alt)


def _who_slide(dataset: Dataset, view: View) -> Slide:
    title = "Who does what"
    matrix = matrix_table(dataset, view.pledge_types, view.delegations)
    subtitle = " · ".join(f"{mark} {word}" for mark, word in zip(MATRIX_LEGEND, LEGEND_WORDS, strict=True))
    if matrix.empty or not len(matrix.columns):
        return Slide("who", title, subtitle, ("No pledges or stances match the current filters.",))
    labels = {t.short_label: t.label for t in dataset.commitment_types.values()}
    rows = []
    names = list(matrix.index)
    for column in matrix.columns:
        marked = [(name, marks) for name, marks in zip(names, matrix[column].tolist(), strict=True) if marks != ""]
        # Lead roles first, then pledges, then the rest, in the legend's order of marks.
        order = sorted(marked, key=lambda item: (list(MATRIX_LEGEND).index(item[1][0]), item[0].casefold()))
        rows.append(
            {
                "Commitment type": labels.get(column, column),
                "Participants": len(marked),
                "Who": name_list([f"{marks} {name}" for name, marks in order], 140),
            }
        )
    table = pd.DataFrame(rows).sort_values("Participants", ascending=False, kind="stable", ignore_index=True)
    widths = (0.26, 0.12, 0.62)
    fitted, bullets = _fit_with_note(
        Slide("who", title, subtitle, table=table, table_widths=widths),
        lambda shown, rest: f"The {shown} types with most participants; {rest} more on the Who does what page.",
    )
    notes = "\n".join(f"{r['Commitment type']}: {r['Who']}" for r in rows)
    return Slide("who", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)


def _fit_with_note(slide: Slide, note) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The rows of the slide's table that fit, and its bullets plus note(shown, rest) when rows are left off."""
    assert slide.table is not None
    fitted, left_off = fit_table(slide.table, slide.table_widths, slide_layout(slide).table)  # type: ignore[arg-type]
    if not left_off:
        return fitted, slide.bullets
    # The note takes room from the table: fit again with it, until the count it states is right.
    shown = len(fitted)
    while True:
        bullets = (*slide.bullets, note(shown, len(slide.table) - shown))
        box = slide_layout(replace(slide, bullets=bullets)).table
        fitted, _ = fit_table(slide.table, slide.table_widths, box)  # type: ignore[arg-type]
        if len(fitted) >= shown or shown == 0:
            return fitted.head(shown), bullets
        shown = len(fitted)


def _leads_slide(dataset: Dataset, view: View) -> Slide:
    title = "Lead nations per component"
    types = view.pledge_types
    leads = types[types[F.IS_LEAD]]
    if leads.empty:
        return Slide("leads", title, bullets=("No lead roles are recorded for the current filters.",))
    leaders: dict[str, set[str]] = defaultdict(set)
    contributors: dict[str, set[str]] = defaultdict(set)
    pledged_types = set()
    columns = (types[F.TYPE], types[F.NAME], types[F.IS_LEAD], types[F.IS_REFUSAL], types[F.IS_STANCE])
    for type_id, name, lead, refusal, stance in zip(*columns, strict=True):
        if lead:
            leaders[type_id].add(name)
        elif not refusal:
            contributors[type_id].add(name)
        if not stance:
            pledged_types.add(type_id)
    rows = []
    for kind in dataset.commitment_types.values():
        if kind.id not in leaders:
            continue
        others = sorted(contributors[kind.id] - leaders[kind.id])
        rows.append(
            {
                "Component": kind.label,
                "Lead": ", ".join(sorted(leaders[kind.id], key=str.casefold)),
                "Also contributing": name_list(others, 110) if others else "none recorded",
            }
        )
    unled = [kind.short_label for kind in dataset.commitment_types.values() if kind.id in pledged_types - set(leaders)]
    bullets = ("No lead recorded for: " + ", ".join(unled) + ".",) if unled else ()
    table = pd.DataFrame(rows)
    widths = (0.32, 0.24, 0.44)
    fitted, bullets = _fit_with_note(
        Slide("leads", title, "Where the sources name who leads", bullets, table=table, table_widths=widths),
        lambda shown, rest: f"{rest} more components with a lead on the Who does what page.",
    )
    return Slide("leads", title, "Where the sources name who leads", bullets, table=fitted, table_widths=widths)


def _conditions_slide(dataset: Dataset, view: View) -> Slide:
    title = "What depends on what"
    pledged = view.pledges[~view.pledges[F.IS_STANCE]]
    conditional = pledged[pledged[F.IS_CONDITIONAL]]
    if conditional.empty:
        text = "No conditional pledges match the current filters." if len(pledged) else "No pledges match."
        return Slide("conditions", title, bullets=(text,))
    subtitle = f"{len(conditional)} of {len(pledged)} pledges depend on a condition"
    pledges: Counter[str] = Counter()  # condition id → pledges that depend on it
    who: dict[str, set[str]] = defaultdict(set)  # condition id → names still waiting on it
    for conditions, name, status in zip(
        conditional[F.CONDITIONS], conditional[F.NAME], conditional[F.STATUS], strict=True
    ):
        for condition_id in set(conditions):
            pledges[condition_id] += 1
            # A pledge already approved by parliament no longer waits for it.
            if condition_id != PARLIAMENT_CONDITION or status != str(Status.APPROVED):
                who[condition_id].add(name)
    rows = [
        {
            "Condition": condition.label,
            "Pledges": pledges[condition.id],
            "Who": name_list(sorted(who[condition.id], key=str.casefold), 150) or "—",
        }
        for condition in dataset.conditions.values()
        if pledges[condition.id]
    ]
    table = pd.DataFrame(rows).sort_values("Pledges", ascending=False, kind="stable", ignore_index=True)
    widths = (0.28, 0.12, 0.60)
    fitted, bullets = _fit_with_note(
        Slide("conditions", title, subtitle, table=table, table_widths=widths),
        lambda shown, rest: f"{rest} less frequent conditions on the Pledges page (filter by Condition).",
    )
    notes = "\n".join(
        f"{r.name}: {r.condition_labels}" + (f" ({r.condition_note})" if r.condition_note else "")
        for r in conditional.rename(columns={F.NAME: "name"}).itertuples()
    )
    return Slide("conditions", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)


# One word per mark of MATRIX_LEGEND, so the legend fits a subtitle line.
LEGEND_WORDS = ("lead", "pledge", "conditional", "considering", "position", "refused")
# Condition ids with a meaning of their own on the slides; data without them simply has no such rows.
PARLIAMENT_CONDITION = "parliamentary_approval"


def _paged(key: str, title: str, subtitle: str, bullets: list[str], notes: str = "") -> list[Slide]:
    box = slide_layout(Slide(key, title, subtitle, ("x",))).bullets
    assert box is not None
    pages = paginate(bullets, box)
    if len(pages) == 1:
        return [Slide(key, title, subtitle, pages[0], notes=notes)]
    return [
        Slide(f"{key}-{n}", f"{title} ({n}/{len(pages)})", subtitle, page, notes=notes)
        for n, page in enumerate(pages, start=1)
    ]


def _questions_slides(view: View) -> list[Slide]:
    assert view.meeting is not None
    questions = list(view.meeting.meeting.open_questions)
    if not questions:
        return [Slide("questions", "Open questions", bullets=("No open questions are recorded for this meeting.",))]
    return _paged("questions", "Open questions", "What the sources leave open", questions, "\n\n".join(questions))


def _disputed_slides(dataset: Dataset, view: View) -> list[Slide]:
    assert view.meeting is not None
    title, subtitle = "Disputed figures", "Where sources disagree"
    records = {p.id: p for p in view.meeting.pledges}
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    bullets = []
    disputed = view.pledges[view.pledges[F.CONFIDENCE] == str(Confidence.DISPUTED)]
    for row in disputed.itertuples():
        pledge = records.get(getattr(row, F.PLEDGE))
        if pledge is None:
            continue
        claims = " — versus — ".join(f"“{c.claim}”" for c in pledge.disputed_claims)
        kinds = ", ".join(short[t] for t in pledge.types)
        bullets.append(f"{getattr(row, F.NAME)} ({kinds}): {claims}")
    shown = set(view.delegations[F.PARTICIPANT])
    for delegation in view.meeting.delegations:
        if delegation.confidence == Confidence.DISPUTED and delegation.participant in shown:
            claims = " — versus — ".join(f"“{c.claim}”" for c in delegation.disputed_claims)
            name = view.delegations.loc[view.delegations[F.PARTICIPANT] == delegation.participant, F.NAME].iloc[0]
            bullets.append(f"{name} (delegation): {claims}")
    if not bullets:
        return [Slide("disputed", title, subtitle, ("No disputed records in the current view.",))]
    return _paged("disputed", title, subtitle, bullets, "\n\n".join(bullets))


def _spotlight_slides(dataset: Dataset, view: View) -> list[Slide]:
    pledged = view.pledges[~view.pledges[F.IS_STANCE] & (view.pledges[F.KIND] != "collective")]
    if pledged.empty:
        return [Slide("spotlight", "Participant spotlights", bullets=("No pledges match the current filters.",))]
    counts = Counter(pledged[F.PARTICIPANT])
    names = dict(zip(pledged[F.PARTICIPANT], pledged[F.NAME], strict=True))
    top = sorted(counts, key=lambda code: (-counts[code], str(names[code]).casefold()))[:SPOTLIGHTS]
    return [_spotlight(dataset, view, code, str(names[code])) for code in top]


def _spotlight(dataset: Dataset, view: View, code: str, name: str) -> Slide:
    delegation = view.delegations[view.delegations[F.PARTICIPANT] == code]
    if delegation.empty:
        subtitle = "No delegation recorded in the current view"
    else:
        row = delegation.iloc[0]
        attendance = row[F.ATTENDANCE_LABEL].lower() if row[F.ATTENDANCE] != str(Attendance.UNKNOWN) else ""
        subtitle = shorten(" · ".join(p for p in (row[F.HEADS], attendance) if p), 100)
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    records = view.pledges[view.pledges[F.PARTICIPANT] == code].sort_values([F.IS_STANCE, F.PLEDGE])
    bullets, full = [], []
    for row in records.itertuples():
        types = getattr(row, F.TYPES)
        lead = bool(set(getattr(row, F.LEAD_FOR)))
        mark = pledge_mark(getattr(row, F.STATUS), getattr(row, F.IS_CONDITIONAL), lead)
        kinds = ", ".join(short[t] for t in types)
        description = shorten(getattr(row, F.DESCRIPTION), SPOTLIGHT_CHARS)
        text = f"{mark} {kinds} — {STATUS_LABELS[Status(getattr(row, F.STATUS))]}: {description}"
        condition = f" (Condition: {getattr(row, F.CONDITION_LABELS)})" if getattr(row, F.CONDITION_LABELS) else ""
        bullets.append(text + condition)
        full.append(f"{kinds} — {getattr(row, F.STATUS_LABEL)}: {getattr(row, F.DESCRIPTION)}{condition}")
    key = f"spotlight-{code.lower()}"
    title = f"Spotlight: {shorten(name, 48)}"
    box = slide_layout(Slide(key, title, subtitle, ("x",))).bullets
    assert box is not None
    pages = paginate(bullets, box)
    shown = list(pages[0])
    if len(pages) > 1:
        rest = len(bullets) - len(shown)
        note = f"… and {rest} more on the participant's profile page."
        while shown and bullets_height((*shown, note), box.w) > box.h:
            shown.pop()
            note = f"… and {len(bullets) - len(shown)} more on the participant's profile page."
        shown.append(note)
    return Slide(key, title, subtitle, tuple(shown), notes="\n\n".join(full))


def _sources_slide(dataset: Dataset, view: View) -> Slide:
    title = "Sources"
    cited: Counter[str] = Counter()
    for column in (view.pledges[F.SOURCE_IDS], view.delegations[F.SOURCE_IDS]):
        for ids in column:
            cited.update(ids)
    if view.meeting is not None:
        cited.update(view.meeting.meeting.sources)
    bullets = (
        f"Cite as: {shorten(dataset.info.citation, 200)}",
        f"Licence: {dataset.info.licence}. Every record cites its sources; check them before quoting a figure.",
    )
    if not cited:
        return Slide("sources", title, as_of_text(dataset), ("No records in the current view cite a source.", *bullets))
    top = sorted(cited, key=lambda s: (-cited[s], dataset.sources[s].publisher.casefold()))[:MAX_SOURCES]
    table = pd.DataFrame(
        [
            {
                "Publisher": dataset.sources[s].publisher,
                "Title": shorten(dataset.sources[s].title, 90),
                "Published": dataset.sources[s].published or "—",
                "Records": cited[s],
            }
            for s in top
        ]
    )
    widths = (0.22, 0.52, 0.14, 0.12)
    subtitle = f"The most cited of the {len(cited)} sources behind this view · {as_of_text(dataset)}"
    stub = Slide("sources", title, subtitle, bullets, table=table, table_widths=widths)
    fitted, _ = fit_table(table, widths, slide_layout(stub).table)  # type: ignore[arg-type]
    notes = "\n".join(
        f"{dataset.sources[s].publisher}: {dataset.sources[s].title} {dataset.sources[s].url}" for s in top
    )
    return Slide("sources", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)


# --- charts on slides ------------------------------------------------------------------------


def projector_chart(chart: Chart, box: Box) -> Chart:
    """The projector template: the figure sized to its box on the canvas, thick outlines, big legend.

    Maps are re-centred so that Europe fills the box (the pages fit it to a smaller map); bar labels
    stay level, and the source line gets a row of its own below the axis title.
    """
    # New dicts for every part changed: the chart's own spec may be shared (it is never mutated).
    layout = {
        **chart.spec["layout"],
        "width": box.w,
        "height": box.h,
        "autosize": False,
        "legend": {**chart.spec["layout"].get("legend", {}), "font": {"size": 14 * PROJECTOR_SCALE}},
    }
    traces = list(chart.spec["data"])
    if any(trace["type"] == "bar" for trace in traces):
        traces = [_outlined(trace, 3, textangle=0) if trace["type"] == "bar" else trace for trace in traces]
        layout["margin"] = {**layout.get("margin", {}), "b": 170}
        # The source line starts at the plot's left edge; long axis labels push that edge right, so the
        # line is anchored at the right edge instead, where it cannot run off the figure.
        layout["annotations"] = [
            {**note, "x": 1, "xanchor": "right", "yshift": -118} for note in layout.get("annotations", [])
        ]
    if any(trace["type"] == "choroplethmap" for trace in traces):
        traces = [_outlined(trace, 1.6) if trace["type"] == "choroplethmap" else trace for trace in traces]
        layout["map"] = {**layout.get("map", {}), **geo.fit_view(*geo.EUROPE_BOUNDS, box.w - MAP_COLORBAR_PX, box.h)}
    return Chart({"data": traces, "layout": layout}, chart.title, chart.alt, chart.source)


def _outlined(trace: dict, width: float, **changes) -> dict:
    """A copy of a trace with its outline `width` px wide, and other changes."""
    marker = trace.get("marker", {})
    return {**trace, **changes, "marker": {**marker, "line": {**marker.get("line", {}), "width": width}}}


# The width the colour bar takes at the right of a map.
MAP_COLORBAR_PX = 160


# High-contrast colours per theme: (background, text, muted text, grid).
THEME_COLOURS = {
    "light": ("#ffffff", "#000000", "#1f1f1f", "#bdbdbd"),
    "dark": ("#000000", "#ffffff", "#e6e6e6", "#5c5c5c"),
}


def themed_figure(figure: go.Figure, theme: str) -> go.Figure:
    """A copy of a slide figure recoloured for the light or dark theme (the data colours stay)."""
    background, ink, muted, grid = THEME_COLOURS[theme]
    themed = go.Figure(figure)
    themed.update_layout(
        paper_bgcolor=background,
        plot_bgcolor=background,
        font={"color": ink},
        title={"font": {"color": ink}},
        legend={"bgcolor": background, "bordercolor": ink, "font": {"color": ink}},
    )
    themed.update_xaxes(gridcolor=grid, linecolor=ink, tickfont={"color": ink})
    themed.update_yaxes(gridcolor=grid, linecolor=ink, tickfont={"color": ink})
    themed.update_annotations(font={"color": muted})
    if theme == "dark":
        # Numbers outside the bars are on the background; inside, Plotly picks a colour for the bar.
        themed.update_traces(outsidetextfont={"color": ink}, selector={"type": "bar"})
        themed.update_traces(marker_line_color=ink, selector={"type": "bar", "name": "No condition stated"})
    return themed
