"""The briefing as a PowerPoint deck: editable text, real tables, charts as pictures, speaker notes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from summit.briefing.images import ChartRenderError, render_chart_images
from summit.briefing.layout import (
    CANVAS_HEIGHT,
    CANVAS_WIDTH,
    PT_PER_PX,
    Box,
    DocumentInfo,
    Slide,
    counter_box,
    slide_layout,
    subtitle_px,
    title_px,
)
from summit.briefing.text import (
    BODY_PX,
    BULLET_GAP,
    CELL_PAD_X,
    CELL_PAD_Y,
    FOOTER_PX,
    LINE_HEIGHT,
    TABLE_PX,
    number_px,
    shorten,
    table_row_heights,
    whole_sentences,
)
from summit.briefing.theme import HEADER_FILL, INK, MUTED, RULE, TILE_FILL
from summit.i18n import _

# Half a point per design pixel (layout.PT_PER_PX) is 6350 EMU per pixel.
EMU_PER_PX = 6350
PPTX_FONT = "Arial"
# python-pptx refuses a document property longer than this (ValueError); the PDF keeps them whole.
PROPERTY_CHARS = 255


def _emu(px: float) -> Emu:
    return Emu(round(px * EMU_PER_PX))


def _pt(px: float) -> Pt:
    return Pt(px * PT_PER_PX)


def to_pptx(slides: list[Slide], images: Mapping[str, bytes] | None = None, info: DocumentInfo | None = None) -> bytes:
    """A 16:9 deck, one slide per briefing slide; charts are drawn now unless `images` are given.

    info: the document's properties (summit.briefing.slides.document_info); the first slide's title without.
    """
    images = render_chart_images(slides) if images is None else images
    deck = Presentation()
    deck.slide_width, deck.slide_height = _emu(CANVAS_WIDTH), _emu(CANVAS_HEIGHT)
    title_only = deck.slide_layouts[5]
    for number, slide in enumerate(slides, start=1):
        page = deck.slides.add_slide(title_only)
        layout = slide_layout(slide)
        title = page.shapes.title
        _place(title, layout.title)
        _fill(title.text_frame, [slide.title], title_px(slide), bold=True, anchor=MSO_ANCHOR.TOP)
        if layout.subtitle and slide.subtitle:
            box = page.shapes.add_textbox(*_rect(layout.subtitle))
            _fill(
                box.text_frame,
                [slide.subtitle],
                subtitle_px(slide),
                colour=MUTED,
            )
        if layout.numbers and slide.table is not None:
            for box, (label, value) in zip(layout.numbers, slide.table.itertuples(index=False), strict=True):
                _pptx_tile(page, box, str(label), str(value))
        if layout.bullets and slide.bullets:
            box = page.shapes.add_textbox(*_rect(layout.bullets))
            _fill(box.text_frame, list(slide.bullets), BODY_PX, bullets=True)
        if layout.table and slide.table is not None and slide.kind != "numbers":
            _pptx_table(page, slide, layout.table)
        if layout.chart and slide.chart is not None:
            image = images.get(slide.key)
            if image is None:
                raise ChartRenderError(_("No image for the chart of slide '{title}'.").format(title=slide.title))
            picture = page.shapes.add_picture(io.BytesIO(image), *_rect(layout.chart))
            _describe(picture, slide.chart.title, slide.chart.alt)
        footer = page.shapes.add_textbox(*_rect(layout.footer))
        _fill(footer.text_frame, [slide.footer], FOOTER_PX, colour=MUTED)
        counter = page.shapes.add_textbox(*_rect(counter_box(layout)))
        _fill(counter.text_frame, [f"{number} / {len(slides)}"], FOOTER_PX, colour=MUTED, align=PP_ALIGN.RIGHT)
        alt = slide.chart.alt if slide.chart and slide.chart.alt not in slide.notes else ""
        notes = "\n\n".join(p for p in (slide.notes, alt) if p)
        if notes:
            page.notes_slide.notes_text_frame.text = notes
    _properties(deck, info or DocumentInfo(slides[0].title if slides else _("Briefing"), "", ""))
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _properties(deck, info: DocumentInfo) -> None:
    """The document's properties, every one set: python-pptx's template would keep its own author, comment and
    2013 dates."""
    properties = deck.core_properties

    def fitted(text: str, rest: str) -> str:
        return whole_sentences(text, lambda candidate: len(candidate) <= PROPERTY_CHARS, rest)

    properties.title = shorten(info.title, PROPERTY_CHARS)
    properties.author = properties.last_modified_by = shorten(info.author, PROPERTY_CHARS)
    properties.subject = fitted(info.subject, _("The whole sentence is on the first slide."))
    keywords = [k for n, k in enumerate(info.keywords) if len("; ".join(info.keywords[: n + 1])) <= PROPERTY_CHARS]
    properties.keywords = "; ".join(keywords)
    properties.comments = fitted(info.comments, _("The whole citation is on the Sources slide."))
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    properties.revision = 1


def _describe(picture, title: str, alt: str) -> None:
    """A picture's name and its description (alt text), read out by screen readers in PowerPoint."""
    picture.name = _("Chart: {title}").format(title=title)
    picture._element.nvPicPr.cNvPr.set("descr", alt)


def _rect(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = _rect(box)


def _fill(
    frame,
    paragraphs: list[str],
    size: float,
    *,
    bold: bool = False,
    colour: tuple[int, int, int] = INK,
    bullets: bool = False,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
) -> None:
    """Plain text in a text frame, one paragraph per item, no auto-fit (the layout already fits)."""
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.line_spacing = LINE_HEIGHT * 0.87  # PowerPoint's single spacing is about 1.15 em
        if bullets:
            _bullet(paragraph, size)
            if index:
                paragraph.space_before = _pt(BULLET_GAP)
        run = paragraph.add_run()
        run.text = text
        run.font.size = _pt(size)
        run.font.bold = bold
        run.font.name = PPTX_FONT
        run.font.color.rgb = RGBColor(*colour)


def _bullet(paragraph, size: float) -> None:
    """A real list bullet (editable in PowerPoint), hanging by one em."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(int(_emu(size))))
    properties.set("indent", str(-int(_emu(size))))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    char = properties.makeelement(qn("a:buChar"), {"char": "•"})
    properties.append(char)


def _pptx_tile(page, box: Box, label: str, value: str) -> None:
    shape = page.shapes.add_shape(1, *_rect(box))  # 1 = rectangle
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(*TILE_FILL)
    shape.line.color.rgb = RGBColor(*RULE)
    frame = shape.text_frame
    _fill(frame, [value, label], number_px(value, box.w), bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    frame.paragraphs[1].runs[0].font.size = _pt(BODY_PX)
    frame.paragraphs[1].runs[0].font.bold = False


def _pptx_table(page, slide: Slide, box: Box) -> None:
    table = slide.table
    assert table is not None
    heights = table_row_heights(table, slide.table_widths, box.w)
    shape = page.shapes.add_table(len(table) + 1, len(table.columns), _emu(box.x), _emu(box.y), _emu(box.w), 0)
    grid = shape.table
    for index, share in enumerate(slide.table_widths):
        grid.columns[index].width = _emu(box.w * share)
    for index, height in enumerate(heights):
        grid.rows[index].height = _emu(height)
    rows = [list(map(str, table.columns)), *([str(v) for v in row] for row in table.itertuples(index=False))]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = _emu(CELL_PAD_X)
            cell.margin_top = cell.margin_bottom = _emu(CELL_PAD_Y)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(*(HEADER_FILL if r == 0 else (0xFF, 0xFF, 0xFF)))
            _fill(cell.text_frame, [text], TABLE_PX, bold=r == 0)
            _cell_borders(cell)


def _cell_borders(cell) -> None:
    """Thin grey rules on all four sides of a table cell (python-pptx has no API for cell borders)."""
    properties = cell._tc.get_or_add_tcPr()
    colour = "".join(f"{c:02X}" for c in RULE)
    for index, side in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):
        for old in properties.findall(qn(side)):
            properties.remove(old)
        line = properties.makeelement(qn(side), {"w": str(int(_emu(1.5))), "cmpd": "sng"})
        fill = line.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": colour}))
        line.append(fill)
        # The schema wants left, right, top, bottom, then the cell's fill.
        properties.insert(index, line)
