"""The briefing in a real browser: every slide fits 1920×1080 and 1280×720, reads from the back of a room,
moves with the arrow keys, and hands out charts as PNG and the deck as .pptx and PDF, all offline."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import Page
from pptx import Presentation
from pypdf import PdfReader

from browser_harness.maps import MAP_POLL_MS, MapPixels
from summit.briefing.layout import CANVAS_WIDTH, Slide
from summit.briefing.slides import build_briefing
from summit.dataset import BUNDLED_DATA, load_dataset
from summit.filters import Filters
from summit.frames import build_frames

MEETING = "paris-2026-01-06"
SIZES = [(1920, 1080), (1280, 720)]
MIN_BODY_PX, MIN_TITLE_PX = 24, 40
CHART_TIMEOUT_MS = 60_000

# What a person at the back of the room gets: sizes as drawn (computed size × the canvas's scale),
# boxes whose text is cut off, anything outside the window, and what the controls cover.
MEASURE_JS = """(canvasWidth) => {
    const canvas = document.querySelector('.st-key-briefing_canvas');
    const scale = canvas.getBoundingClientRect().width / canvasWidth;
    const slide = document.querySelector('.briefing-slide');
    const inside = (r) => r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1;
    const controls = document.querySelector('.st-key-briefing_controls').getBoundingClientRect();
    const meets = (r) => r.left < controls.right && r.right > controls.left && r.top < controls.bottom
        && r.bottom > controls.top;
    const texts = [];
    for (const element of slide.querySelectorAll('*')) {
        const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const rect = element.getBoundingClientRect();
        texts.push({
            tag: element.tagName,
            text: element.textContent.trim().slice(0, 60),
            px: parseFloat(getComputedStyle(element).fontSize) * scale,
            inside: inside(rect),
            covered: meets(rect),
        });
    }
    const clipped = [...slide.querySelectorAll('.box')]
        .filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
        .map((b) => b.className + ': ' + b.textContent.trim().slice(0, 60));
    const frame = document.querySelector('.st-key-briefing_chart iframe');
    const visible = (selector) => [...document.querySelectorAll(selector)].some(
        (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
    const main = document.querySelector('[data-testid="stMain"]');
    return {
        title: slide.querySelector('h1').textContent,
        texts,
        clipped,
        chartInside: frame ? inside(frame.getBoundingClientRect()) : null,
        mainScrolls: main.scrollHeight > main.clientHeight + 1 || main.scrollWidth > main.clientWidth + 1,
        pageScrolls: document.scrollingElement.scrollHeight > innerHeight + 1
            || document.scrollingElement.scrollWidth > innerWidth + 1,
        sidebar: visible('[data-testid="stSidebar"]') || visible('[data-testid="stSidebarCollapsedControl"]'),
        toolbar: visible('[data-testid="stHeader"]') || visible('[data-testid="stToolbar"]'),
    };
}"""


@pytest.fixture(scope="module")
def slides() -> list[Slide]:
    """The slides the page should show, built by the core from the bundled data."""
    dataset = load_dataset(BUNDLED_DATA).dataset
    assert dataset is not None
    return build_briefing(dataset, build_frames(dataset), Filters(meeting=MEETING))


def slide_number(page: Page) -> str:
    return page.evaluate("() => new URL(location.href).searchParams.get('slide')")


def wait_for_slide(page: Page, wait_for_app, slide: Slide) -> None:
    """Wait until the slide is shown, with its chart drawn inside its frame."""
    page.wait_for_function(
        "(title) => document.querySelector('.briefing-slide h1')?.textContent === title", arg=slide.title
    )
    wait_for_app(page)
    if slide.chart is not None:
        frame = page.frame_locator(".st-key-briefing_chart iframe")
        frame.locator(".main-svg").first.wait_for(timeout=CHART_TIMEOUT_MS)
        if any(trace.type == "choroplethmap" for trace in slide.chart.figure.data):
            frame.locator(".maplibregl-canvas").wait_for(timeout=CHART_TIMEOUT_MS)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_and_reads_from_the_back_of_the_room(
    size, app_server, page_at, wait_for_app, error_boxes, screenshot, slides
):
    width, height = size
    page = page_at(width, height)
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=1")
    for number, slide in enumerate(slides, start=1):
        wait_for_slide(page, wait_for_app, slide)
        assert slide_number(page) == str(number)
        measured = page.evaluate(MEASURE_JS, CANVAS_WIDTH)
        where = f"slide {number} ({slide.key}) at {width}x{height}"
        assert measured["title"] == slide.title, where
        assert not measured["mainScrolls"] and not measured["pageScrolls"], f"{where}: the page scrolls"
        assert measured["clipped"] == [], f"{where}: text cut off"
        assert [t for t in measured["texts"] if not t["inside"]] == [], f"{where}: text outside the window"
        assert [t for t in measured["texts"] if t["covered"]] == [], f"{where}: text under the controls"
        assert measured["chartInside"] in (None, True), f"{where}: chart outside the window"
        assert not measured["sidebar"] and not measured["toolbar"], f"{where}: sidebar or toolbar shown"
        if (width, height) == (1920, 1080):
            body = [t for t in measured["texts"] if t["tag"] != "H1"]
            smallest = min(body, key=lambda t: t["px"])
            assert smallest["px"] >= MIN_BODY_PX, f"{where}: {smallest}"
            title = next(t for t in measured["texts"] if t["tag"] == "H1")
            assert title["px"] >= MIN_TITLE_PX, where
        assert error_boxes(page) == [], where
        screenshot(page, f"briefing-{number}-{width}x{height}")
        if number < len(slides):
            page.keyboard.press("ArrowRight")
    # The last slide: → does nothing, ← goes back one.
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    assert slide_number(page) == str(len(slides))
    page.keyboard.press("ArrowLeft")
    wait_for_slide(page, wait_for_app, slides[-2])
    assert slide_number(page) == str(len(slides) - 1)
    assert page.console_errors == []


def test_deep_link_opens_the_slide_with_the_filters(app_server, page, wait_for_app):
    dataset = load_dataset(BUNDLED_DATA).dataset
    nato = build_briefing(dataset, build_frames(dataset), Filters(meeting=MEETING, groups=("nato",)))
    page.goto(f"{app_server}/briefing?m={MEETING}&g=nato&slide=3")
    wait_for_slide(page, wait_for_app, nato[2])
    page.keyboard.press("PageDown")
    wait_for_slide(page, wait_for_app, nato[3])
    assert page.evaluate("() => new URL(location.href).searchParams.get('g')") == "nato"
    assert slide_number(page) == "4"


def test_slide_number_beyond_the_end_opens_the_last_slide(app_server, page, wait_for_app, slides):
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=999")
    wait_for_slide(page, wait_for_app, slides[-1])
    page.wait_for_function(f"() => new URL(location.href).searchParams.get('slide') === '{len(slides)}'")


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_have_high_contrast(theme, app_server, page_at, wait_for_app, screenshot, slides):
    page = page_at(1920, 1080)
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=5&theme={theme}")
    wait_for_slide(page, wait_for_app, slides[4])
    colours = page.evaluate(
        """() => {
            const slide = document.querySelector('.briefing-slide');
            const canvas = document.querySelector('.st-key-briefing_canvas');
            return [...slide.querySelectorAll('h1, p, li, td, th')].map(
                (e) => [getComputedStyle(e).color, getComputedStyle(canvas).backgroundColor]);
        }"""
    )
    assert colours
    # WCAG AAA for normal text is 7:1.
    assert min(contrast(fg, bg) for fg, bg in colours) >= 7
    background = colours[0][1]
    assert background == ("rgb(0, 0, 0)" if theme == "dark" else "rgb(255, 255, 255)")
    screenshot(page, f"briefing-theme-{theme}")


def test_theme_button_switches_to_dark(app_server, page, wait_for_app, slides):
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=2")
    wait_for_slide(page, wait_for_app, slides[1])
    page.locator(".st-key-briefing_theme button:visible").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('theme') === 'dark'")
    wait_for_app(page)
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.st-key-briefing_canvas')).backgroundColor"
    )
    assert background == "rgb(0, 0, 0)"


def chart_slide(slides: list[Slide], key: str) -> int:
    """The 1-based number of the slide with this key."""
    return next(n for n, s in enumerate(slides, start=1) if s.key == key)


@pytest.mark.parametrize("key", ["types", "map"])
def test_slide_charts_show_no_toolbar(key, app_server, page_at, wait_for_app, screenshot, slides):
    page = page_at(1920, 1080)
    number = chart_slide(slides, key)
    page.goto(f"{app_server}/briefing?m={MEETING}&slide={number}")
    wait_for_slide(page, wait_for_app, slides[number - 1])
    frame = page.frame_locator(".st-key-briefing_chart iframe")
    if key == "types":
        # A hover label shows once Plotly has drawn everything, the mode bar included where there is one.
        # The drag layer over the plot takes the pointer (which is how Plotly sees the hover): no actionability wait.
        frame.locator(".bars .point path").first.hover(force=True)
        frame.locator(".hoverlayer .hovertext").first.wait_for()
    else:
        frame.locator(".js-plotly-plot").hover()
    assert frame.locator(".modebar, .modebar-btn").count() == 0
    screenshot(page, f"briefing-no-toolbar-{key}")


def slide_map_pixels(page: Page) -> MapPixels:
    """The slide map's canvas as shown, once MapLibre has painted the participants (polled, with a deadline)."""
    canvas = page.frame_locator(".st-key-briefing_chart iframe").locator(".maplibregl-canvas")
    deadline = time.monotonic() + CHART_TIMEOUT_MS / 1000
    while True:
        image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
        pixels = MapPixels(image, {rgb: n for n, rgb in image.getcolors(maxcolors=image.width * image.height)})
        if pixels.coloured >= 0.05:
            return pixels
        assert time.monotonic() < deadline, f"the slide map was not painted: {pixels.coloured:.1%} coloured"
        page.wait_for_timeout(MAP_POLL_MS)  # poll interval, bounded by the deadline


@pytest.mark.parametrize(("theme", "sea"), [("light", (255, 255, 255)), ("dark", (0, 0, 0))])
def test_the_map_slide_is_drawn_on_the_themes_background(
    theme, sea, app_server, page_at, wait_for_app, screenshot, slides
):
    page = page_at(1920, 1080)
    number = chart_slide(slides, "map")
    page.goto(f"{app_server}/briefing?m={MEETING}&slide={number}&theme={theme}")
    wait_for_slide(page, wait_for_app, slides[number - 1])
    pixels = slide_map_pixels(page)
    screenshot(page, f"briefing-map-{theme}")
    white = sum(n for rgb, n in pixels.counts.items() if min(rgb) >= 245) / pixels.total
    # The sea around the countries is the slide's own background: a white box on a dark slide was the fault.
    assert pixels.counts.get(sea, 0) / pixels.total >= 0.2
    if theme == "dark":
        assert white < 0.005, f"{white:.1%} of the dark map is white"
    frame_background = (
        page.frame_locator(".st-key-briefing_chart iframe")
        .locator("body")
        .evaluate("(body) => getComputedStyle(body).backgroundColor")
    )
    canvas_background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.st-key-briefing_canvas')).backgroundColor"
    )
    assert frame_background == canvas_background == f"rgb({sea[0]}, {sea[1]}, {sea[2]})"


def test_the_opening_slide_ends_on_a_whole_sentence(app_server, page, wait_for_app, slides):
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=1")
    wait_for_slide(page, wait_for_app, slides[0])
    texts = page.locator(".briefing-slide li").all_text_contents()
    assert texts == list(slides[0].bullets)
    assert texts[-1].endswith(". Full summary on the dashboard's Timeline page.")
    assert "…" not in " ".join(texts)


def test_handouts_download_as_pptx_and_pdf(app_server, page_at, wait_for_app, screenshot, slides, tmp_path):
    page = page_at(1280, 720)
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=1")
    wait_for_slide(page, wait_for_app, slides[0])
    page.locator(".st-key-briefing_handouts button:visible").click()
    page.get_by_role("dialog").wait_for()
    page.locator(".st-key-briefing_prepare button:visible").click()
    # A bar names each chart while it is drawn (the first while the drawing browser starts).
    page.get_by_role("dialog").get_by_text("Drawing chart 1 of 2: Who took part…").wait_for()
    screenshot(page, "briefing-handouts-progress")
    # Drawing the charts starts a browser on the server: give it the deck's own time limit.
    page.locator(".st-key-briefing_pptx button:visible").wait_for(timeout=180_000)
    screenshot(page, "briefing-handouts")
    files = {}
    for kind in ("pptx", "pdf"):
        with page.expect_download(timeout=120_000) as download:
            page.locator(f".st-key-briefing_{kind} button:visible").click()
        files[kind] = download.value.path().read_bytes()
        assert download.value.suggested_filename.endswith(f".{kind}")
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert [p.shapes.title.text for p in deck.slides] == [s.title for s in slides]
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    assert len(pdf.pages) == len(slides)
    # Both name who publishes the data and the filters (the opening slide's sentence).
    maintainer = load_dataset(BUNDLED_DATA).dataset.info.maintainer
    assert (deck.core_properties.author, deck.core_properties.subject) == (maintainer, slides[0].bullets[0])
    assert (pdf.metadata.author, pdf.metadata.subject) == (maintainer, slides[0].bullets[0])
