"""The briefing as a PowerPoint deck (editable text, real tables, charts as images) and as a PDF.

Chart images are drawn by Kaleido, which drives a local Chromium: no internet is used, but a browser
is needed. Kaleido runs in a child process with a hard time limit, so a missing or stuck browser
ends in a ChartRenderError with a message, never in a hang. `python -m summit.briefing.pptx OUTDIR` is that
child process (it reads the figures as JSON on standard input).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from summit import geo
from summit.briefing.slides import (
    BODY_PX,
    BULLET_GAP,
    CANVAS_HEIGHT,
    CANVAS_WIDTH,
    CELL_PAD_X,
    CELL_PAD_Y,
    FOOTER_PX,
    LINE_HEIGHT,
    TABLE_PX,
    Box,
    Slide,
    build_briefing,
    build_view,
    number_px,
    slide_layout,
    subtitle_px,
    table_row_heights,
    title_px,
)
from summit.exports import load_filtered_for_cli

FORMATS = ("pptx", "pdf")
MIME_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
# Where Kaleido looks for the browser (choreographer's own variable), then the usual places.
BROWSER_ENV = "BROWSER_PATH"
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Seconds for all the charts of one briefing (the map takes a few seconds on a small machine).
RENDER_TIMEOUT_S = 120.0
# Chart images are drawn at this multiple of their size on the 1920×1080 canvas (sharper in print).
IMAGE_SCALE = 1.5
REPO_ROOT = Path(__file__).resolve().parents[2]

# 1920 design pixels = 13.333 in = 960 pt: half a point per pixel, 6350 EMU per pixel.
PT_PER_PX = 0.5
EMU_PER_PX = 6350
INK = (0x00, 0x00, 0x00)
MUTED = (0x33, 0x33, 0x33)
RULE = (0x99, 0x99, 0x99)
HEADER_FILL = (0xE8, 0xE8, 0xE8)
TILE_FILL = (0xF2, 0xF2, 0xF2)
PPTX_FONT = "Arial"


class ChartRenderError(RuntimeError):
    """The charts could not be drawn as images (no browser, a browser error, or a time-out)."""


# --- chart images ----------------------------------------------------------------------------


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
    hint = (
        "PowerPoint and PDF exports draw their charts with Kaleido, which needs a local Chromium or Chrome "
        "(no internet is used). Install Debian's chromium (scripts/install-browser.sh) or set "
        f"{BROWSER_ENV} to the browser's path."
    )
    if browser is None:
        return f"No browser found. {hint}"
    if not (os.path.isfile(browser) and os.access(browser, os.X_OK)):
        return f"No browser at {browser}. {hint}"
    return None


def render_chart_images(
    slides: list[Slide], *, timeout: float = RENDER_TIMEOUT_S, scale: float = IMAGE_SCALE
) -> dict[str, bytes]:
    """PNG of each slide's chart, by slide key; raises ChartRenderError instead of hanging.

    The images are `scale` times the chart's box on the 1920×1080 canvas.
    """
    charted = [slide for slide in slides if slide.chart is not None]
    if not charted:
        return {}
    problem = browser_problem()
    if problem:
        raise ChartRenderError(problem)
    request = {
        "browser": find_browser(),
        "timeout": timeout,
        "scale": scale,
        # Kaleido draws outside the app, so map shapes referred to by URL are put inline.
        "figures": [geo.inline_geometry(json.loads(slide.chart.figure.to_json())) for slide in charted],  # type: ignore[union-attr]
    }
    with tempfile.TemporaryDirectory(prefix="summit-charts-") as folder:
        _run_worker(json.dumps(request).encode(), Path(folder), timeout)
        images = {}
        for index, slide in enumerate(charted):
            path = Path(folder) / f"{index}.png"
            if not path.is_file():
                raise ChartRenderError(f"The chart of slide '{slide.title}' was not drawn.")
            images[slide.key] = path.read_bytes()
    return images


def _run_worker(request: bytes, folder: Path, timeout: float) -> None:
    command = [sys.executable, "-m", "summit.briefing.pptx", str(folder)]
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
    try:
        _out, err = process.communicate(request, timeout=_hard_limit(timeout))
    except subprocess.TimeoutExpired:
        _kill_tree(process.pid)
        process.communicate()
        raise ChartRenderError(
            f"Drawing the charts took longer than {_hard_limit(timeout):.0f} s and was stopped. The browser "
            f"({find_browser()}) may be unable to start here."
        ) from None
    if process.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit code {process.returncode}"
        raise ChartRenderError(f"The browser could not draw the charts: {reason}")


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


def _worker(folder: Path) -> int:
    """Child process: draw the figures read from standard input into FOLDER/<n>.png with Kaleido."""
    # Only the child process needs Kaleido and its browser driver.
    import kaleido

    request = json.loads(sys.stdin.buffer.read())

    async def draw() -> None:
        # mathjax=False: Kaleido would otherwise load MathJax from a CDN.
        async with kaleido.Kaleido(n=1, timeout=request["timeout"], mathjax=False, path=request["browser"]) as k:
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


# --- PowerPoint ------------------------------------------------------------------------------


def _emu(px: float) -> Emu:
    return Emu(round(px * EMU_PER_PX))


def _pt(px: float) -> Pt:
    return Pt(px * PT_PER_PX)


def to_pptx(slides: list[Slide], images: Mapping[str, bytes] | None = None) -> bytes:
    """A 16:9 deck, one slide per briefing slide; charts are drawn now unless `images` are given."""
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
                raise ChartRenderError(f"No image for the chart of slide '{slide.title}'.")
            page.shapes.add_picture(io.BytesIO(image), *_rect(layout.chart))
        footer = page.shapes.add_textbox(*_rect(layout.footer))
        _fill(footer.text_frame, [slide.footer], FOOTER_PX, colour=MUTED)
        counter = page.shapes.add_textbox(*_rect(Box(CANVAS_WIDTH - 80 - 200, layout.footer.y, 200, layout.footer.h)))
        _fill(counter.text_frame, [f"{number} / {len(slides)}"], FOOTER_PX, colour=MUTED, align=PP_ALIGN.RIGHT)
        notes = "\n\n".join(p for p in (slide.notes, slide.chart.alt if slide.chart else "") if p)
        if notes:
            page.notes_slide.notes_text_frame.text = notes
    deck.core_properties.title = slides[0].title if slides else "Briefing"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


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


# --- PDF -------------------------------------------------------------------------------------

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


def to_pdf(slides: list[Slide], images: Mapping[str, bytes] | None = None) -> bytes:
    """One 13.33 × 7.5 in page per slide, laid out like the deck; charts drawn now unless given."""
    images = render_chart_images(slides) if images is None else images
    regular, bold = _pdf_fonts()
    buffer = io.BytesIO()
    width, height = CANVAS_WIDTH * PT_PER_PX, CANVAS_HEIGHT * PT_PER_PX
    pdf = Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(slides[0].title if slides else "Briefing")
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
                raise ChartRenderError(f"No image for the chart of slide '{slide.title}'.")
            x, y, w, h = _pdf_rect(layout.chart)
            pdf.drawImage(ImageReader(io.BytesIO(image)), x, y, w, h, preserveAspectRatio=True, anchor="nw")
        _pdf_text(pdf, [slide.footer], layout.footer, FOOTER_PX, regular)
        counter = Box(CANVAS_WIDTH - 80 - 200, layout.footer.y, 200, layout.footer.h)
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


# --- command line ----------------------------------------------------------------------------


def add_cli(commands: argparse._SubParsersAction) -> None:
    """Register `briefing`: the briefing as .pptx or .pdf, with the same filter keys as the URL."""
    briefing = commands.add_parser("briefing", help="write the briefing slides as PowerPoint or PDF")
    briefing.add_argument("--format", choices=FORMATS, required=True)
    briefing.add_argument("--out", type=Path, required=True, help="file to write")
    briefing.add_argument("--data", type=Path, help="dataset folder (default: $SUMMIT_DATA or the bundled data)")
    briefing.add_argument("filters", nargs="*", metavar="KEY=VALUE", help="URL filter keys, e.g. m=paris-2026-01-06")
    briefing.set_defaults(run=run_briefing)


def run_briefing(args: argparse.Namespace) -> int:
    """`python -m summit briefing`: 0 when written, 1 when the charts cannot be drawn, 2 on bad input."""
    loaded = load_filtered_for_cli(args.data, args.filters)
    if isinstance(loaded, int):
        return loaded
    dataset, frames, filters = loaded
    slides = build_briefing(dataset, frames, filters)
    try:
        payload = to_pptx(slides) if args.format == "pptx" else to_pdf(slides)
    except ChartRenderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.write_bytes(payload)
    view = build_view(dataset, frames, filters)
    description = filters.describe(dataset, len(view.pledges), "pledges and stances")
    print(f"wrote {args.out} ({len(payload):,} bytes, {len(slides)} slides): {description}")
    return 0


if __name__ == "__main__":
    sys.exit(_worker(Path(sys.argv[1])))
