"""The briefing as a PDF: one 13.33 × 7.5 in page per slide, laid out like the deck."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

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
)
from summit.briefing.theme import HEADER_FILL, RULE, TILE_FILL
from summit.i18n import _

_FONT_FILES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def _pdf_fonts() -> tuple[str, str]:
    """DejaVu Sans where installed (it has every mark the slides use), else the Vera fonts reportlab ships."""
    if "SlideSans" in pdfmetrics.getRegisteredFontNames():
        return "SlideSans", "SlideSans-Bold"
    shipped = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in (*_FONT_FILES, (str(shipped / "Vera.ttf"), str(shipped / "VeraBd.ttf"))):
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("SlideSans", regular))
            pdfmetrics.registerFont(TTFont("SlideSans-Bold", bold))
            return "SlideSans", "SlideSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def to_pdf(slides: list[Slide], images: Mapping[str, bytes] | None = None, info: DocumentInfo | None = None) -> bytes:
    """One 13.33 × 7.5 in page per slide, laid out like the deck; charts drawn now unless given.

    info: the document's properties (summit.briefing.slides.document_info); the first slide's title without.
    """
    images = render_chart_images(slides) if images is None else images
    regular, bold = _pdf_fonts()
    buffer = io.BytesIO()
    width, height = CANVAS_WIDTH * PT_PER_PX, CANVAS_HEIGHT * PT_PER_PX
    pdf = Canvas(buffer, pagesize=(width, height))
    info = info or DocumentInfo(slides[0].title if slides else _("Briefing"), "", "")
    # reportlab writes "anonymous", "untitled" and "unspecified" for any property left unset.
    pdf.setTitle(info.title)
    pdf.setAuthor(info.author)
    pdf.setCreator(info.author)
    pdf.setSubject(info.subject)
    pdf.setKeywords("; ".join(info.keywords))
    for number, slide in enumerate(slides, start=1):
        layout = slide_layout(slide)
        _pdf_text(pdf, [slide.title], layout.title, title_px(slide), bold)
        if layout.subtitle and slide.subtitle:
            _pdf_text(
                pdf,
                [slide.subtitle],
                layout.subtitle,
                subtitle_px(slide),
                regular,
            )
        if layout.numbers and slide.table is not None:
            for box, (label, value) in zip(layout.numbers, slide.table.itertuples(index=False), strict=True):
                _pdf_tile(pdf, box, str(label), str(value), regular, bold)
        if layout.bullets and slide.bullets:
            _pdf_text(pdf, list(slide.bullets), layout.bullets, BODY_PX, regular, bullets=True)
        if layout.table and slide.table is not None and slide.kind != "numbers":
            _pdf_table(pdf, slide, layout.table, regular, bold)
        if layout.chart and slide.chart is not None:
            image = images.get(slide.key)
            if image is None:
                raise ChartRenderError(_("No image for the chart of slide '{title}'.").format(title=slide.title))
            x, y, w, h = _pdf_rect(layout.chart)
            pdf.drawImage(ImageReader(io.BytesIO(image)), x, y, w, h, preserveAspectRatio=True, anchor="nw")
        _pdf_text(pdf, [slide.footer], layout.footer, FOOTER_PX, regular)
        counter = counter_box(layout)
        _pdf_text(pdf, [f"{number} / {len(slides)}"], counter, FOOTER_PX, regular, align=2)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_rect(box: Box) -> tuple[float, float, float, float]:
    """x, y of the bottom-left corner, width, height, in points (PDF y grows upwards)."""
    return (
        box.x * PT_PER_PX,
        (CANVAS_HEIGHT - box.y - box.h) * PT_PER_PX,
        box.w * PT_PER_PX,
        box.h * PT_PER_PX,
    )


def _style(font: str, size: float, *, align: int = 0, bullets: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name=f"{font}-{size}-{align}-{bullets}",
        fontName=font,
        fontSize=size * PT_PER_PX,
        leading=size * LINE_HEIGHT * PT_PER_PX,
        alignment=align,
        leftIndent=size * PT_PER_PX if bullets else 0,
        bulletIndent=0,
        bulletFontName=font,
        spaceBefore=BULLET_GAP * PT_PER_PX if bullets else 0,
    )


def _paragraph(text: str, style: ParagraphStyle, *, bullet: bool = False) -> Paragraph:
    # Data text is escaped: reportlab would otherwise read <, > and & as its own markup.
    return Paragraph(escape(text), style, bulletText="•" if bullet else None)


def _pdf_text(
    pdf: Canvas, texts: list[str], box: Box, size: float, font: str, *, bullets: bool = False, align: int = 0
) -> None:
    style = _style(font, size, align=align, bullets=bullets)
    x, _y, w, _h = _pdf_rect(box)
    top = (CANVAS_HEIGHT - box.y) * PT_PER_PX
    for index, text in enumerate(texts):
        paragraph = _paragraph(text, style, bullet=bullets)
        _w, h = paragraph.wrap(w, 10_000)
        if index and bullets:
            top -= style.spaceBefore
        paragraph.drawOn(pdf, x, top - h)
        top -= h


def _pdf_tile(pdf: Canvas, box: Box, label: str, value: str, regular: str, bold: str) -> None:
    x, y, w, h = _pdf_rect(box)
    pdf.setFillColorRGB(*(c / 255 for c in TILE_FILL))
    pdf.setStrokeColorRGB(*(c / 255 for c in RULE))
    pdf.rect(x, y, w, h, stroke=1, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    number = _paragraph(value, _style(bold, number_px(value, box.w), align=1))
    caption = _paragraph(label, _style(regular, BODY_PX, align=1))
    _w, number_h = number.wrap(w, h)
    _w, caption_h = caption.wrap(w, h)
    top = y + (h + number_h + caption_h) / 2
    number.drawOn(pdf, x, top - number_h)
    caption.drawOn(pdf, x, top - number_h - caption_h)


def _pdf_table(pdf: Canvas, slide: Slide, box: Box, regular: str, bold: str) -> None:
    table = slide.table
    assert table is not None
    body, head = _style(regular, TABLE_PX), _style(bold, TABLE_PX)
    rows = [[_paragraph(str(c), head) for c in table.columns]]
    rows += [[_paragraph(str(v), body) for v in row] for row in table.itertuples(index=False)]
    widths = [box.w * share * PT_PER_PX for share in slide.table_widths]
    grid = Table(rows, colWidths=widths)
    pad_x, pad_y = CELL_PAD_X * PT_PER_PX, CELL_PAD_Y * PT_PER_PX
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, tuple(c / 255 for c in RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), tuple(c / 255 for c in HEADER_FILL)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
                ("TOPPADDING", (0, 0), (-1, -1), pad_y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
            ]
        )
    )
    x, _y, w, _h = _pdf_rect(box)
    _w, h = grid.wrap(w, 10_000)
    grid.drawOn(pdf, x, (CANVAS_HEIGHT - box.y) * PT_PER_PX - h)
