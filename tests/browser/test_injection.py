"""The hostile dataset in the browser: data text is shown as typed, never run or read as HTML or Markdown.

tests/fixtures/hostile puts <script>, <img onerror>, javascript: and Markdown links, **bold**, <b>,
<a href>, $math$, :red[...] and formula payloads in every free-text field. Each page is opened on a
server of its own data; a test fails on any dialog, on `window.__pwned` being set, on an element the
payloads would create (img src=x, an onload/onerror handler, a script naming __pwned), on a link or
formatting made from data text, and unless the payload is visible as literal text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_harness.server import APP_SCRIPT, launch_streamlit
from summit_ui.pages import PAGES as APP_PAGES
from summit_ui.pages import PageKind

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
SCRIPT = "<script>window.__pwned=1</script>"
MEETING_SHORT = "<img src=x onerror=__pwned=1> Paris"
WORD_JOINER = "\u2060"  # summit_ui.render.text_cell puts it inside http:// and a@b so they do not link

# Page address → text that must be visible literally in the page's main area.
PAGES = {
    "/": f'Summit {SCRIPT} <img src=x onerror="window.__pwned=1"> [click](javascript:window.__pwned=1) **bold**',
    "/map": f"Map — {MEETING_SHORT}",
    "/participants": f"Participants — {MEETING_SHORT}",
    "/pledges": f"Pledges and stances — {MEETING_SHORT}",
    "/matrix": f"Who does what — {MEETING_SHORT}",
    "/profile?participant=FRA": f"Member of: NATO {SCRIPT}",
    "/profile?participant=EU": f"European Union {SCRIPT}",
    # A scenario on the hostile condition: its label goes into the sentence, the picker and the table.
    "/scenarios?sc=after_ceasefire:not_met": f"Scenarios — {MEETING_SHORT}",
    "/timeline": f"Summit {SCRIPT}",
    # Every record added since a day before the data: their words go into the map, the lists and the headings.
    "/changes?since=2020-01-01": f"Follow-through of {MEETING_SHORT}",
    "/sources": 'Question <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> '
    '[click](javascript:window.__pwned=1) **bold** =HYPERLINK("http://evil") {{7*7}} </div> <b>bold-tag</b>',
}

# Elements the payloads would create if they were read as HTML.
INJECTED_JS = """() => Array.from(document.querySelectorAll(
        'img[src="x"], [onerror], [onload], object, embed, a[href^="javascript" i], a[href*="evil" i]'
    )).filter((e) => !e.closest('.js-plotly-plot'))
    .concat(Array.from(document.querySelectorAll('script')).filter((s) => s.textContent.trim() === 'window.__pwned=1'))
    .map((e) => e.outerHTML.slice(0, 200))"""
# Formatting made from data text (**bold** → <strong>bold</strong>, [click](...) → <a>click</a>, :red[red],
# $E=mc^2$ → KaTeX), outside charts. Our own formatting never wraps exactly one of these words.
FORMATTED_JS = """(words) => Array.from(document.querySelectorAll('a, strong, b, em, i, del, code, span, sup, sub'))
    .filter((e) => !e.closest('.js-plotly-plot') && words.includes(e.textContent.trim()))
    .map((e) => e.outerHTML.slice(0, 200))
    .concat(Array.from(document.querySelectorAll('.katex')).map((e) => 'KaTeX: ' + e.textContent))"""
PAYLOAD_WORDS = ["bold", "bold-tag", "click", "phish", "a-link", "red", "sea", "b"]
# In charts: Plotly reads <b>, <i>, <a href>, <br> ... in every label, title and hover text.
# Our charts have no links, and bold only for names (hover labels).
CHART_MARKUP_JS = """(words) => Array.from(document.querySelectorAll('.js-plotly-plot a'))
    .map((a) => 'link: ' + a.textContent)
    .concat(Array.from(document.querySelectorAll('.js-plotly-plot tspan[style*="bold"]'))
        .filter((t) => words.includes(t.textContent.trim())).map((t) => 'bold: ' + t.textContent))"""
# After the script run ends, elements whose code is loaded lazily (charts, and widgets on a first visit)
# are skeletons for a moment: wait until they, and every Plotly chart, are drawn.
DRAWN_JS = """() => document.querySelector('[data-testid="stSkeleton"]') === null
    && Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        .every((chart) => chart.querySelector('.main-svg'))"""


@pytest.fixture(scope="module")
def hostile_app() -> Iterator[str]:
    """One server on the hostile dataset for the whole module."""
    server = launch_streamlit(APP_SCRIPT, data_dir=HOSTILE)
    try:
        yield server.base_url
    finally:
        server.stop()


def watch_dialogs(page: Page) -> list[str]:
    """Record (and dismiss) every alert, confirm and prompt the page opens."""
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def open_page(page: Page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(DRAWN_JS, timeout=60_000, polling=100)


def visible_text(page: Page, selector: str = '[data-testid="stMain"]') -> str:
    """The text a reader sees, without the invisible joiners and with spaces collapsed."""
    return " ".join(page.locator(selector).first.inner_text().replace(WORD_JOINER, "").split())


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    """No dialog, and in the page and every frame in it (the briefing draws charts in frames): no flag, no element."""
    assert dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned") is None, frame.url
        assert frame.evaluate(INJECTED_JS) == [], frame.url


def test_every_page_but_the_slides_is_checked():
    """The slides have their own test below; a page added to the app's table must get its line above."""
    assert {urlsplit(path).path for path in PAGES} == {spec.path for spec in APP_PAGES if spec.kind != PageKind.SLIDES}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_shows_hostile_text_as_typed(hostile_app, page, wait_for_app, error_boxes, screenshot, path):
    dialogs = watch_dialogs(page)
    open_page(page, hostile_app + path, wait_for_app)

    assert_nothing_ran(page, dialogs)
    assert page.evaluate(FORMATTED_JS, PAYLOAD_WORDS) == []
    assert error_boxes(page) == []
    assert page.console_errors == []
    assert PAGES[path] in visible_text(page)
    assert page.title() == "Summit dashboard"  # the tab title is ours, not data
    screenshot(page, "injection" + re.sub(r"\W+", "-", path).rstrip("-"))


@pytest.mark.parametrize("path", list(PAGES))
def test_page_shows_no_html_entities_instead_of_text(hostile_app, page, wait_for_app, path):
    open_page(page, hostile_app + path, wait_for_app)
    text = visible_text(page)
    assert "&lt;" not in text and "&gt;" not in text and "&amp;" not in text


@pytest.mark.parametrize("path", list(PAGES))
def test_charts_show_hostile_text_as_typed(hostile_app, page, wait_for_app, path):
    open_page(page, hostile_app + path, wait_for_app)
    assert page.evaluate(CHART_MARKUP_JS, PAYLOAD_WORDS) == []


def test_sidebar_search_text_is_shown_as_typed(hostile_app, page, wait_for_app):
    dialogs = watch_dialogs(page)
    open_page(page, hostile_app + "/pledges", wait_for_app)
    search = page.get_by_role("textbox", name="Search names and descriptions")
    search.fill(SCRIPT)
    search.press("Enter")
    expect(page.get_by_text('matching "<script>', exact=False)).to_be_visible()
    wait_for_app(page)

    assert_nothing_ran(page, dialogs)
    assert f'matching "{SCRIPT}"' in visible_text(page)


def test_map_hover_and_legend_show_hostile_text_as_typed(hostile_app, page, wait_for_app, screenshot):
    dialogs = watch_dialogs(page)
    open_page(page, hostile_app + "/map", wait_for_app)
    # Colour by commitment type: the legend title is then a type's label from the data.
    page.get_by_label("Colour by").click()
    page.get_by_role("option", name="Commitment type").click()
    legend_title = page.locator(".summit-map .summit-map-legend-title")
    expect(legend_title).to_contain_text("Land <script>")
    wait_for_app(page)
    root = page.locator(".summit-map").first
    root.scroll_into_view_if_needed()
    page.wait_for_function("(root) => root.dataset.drawn", arg=root.element_handle(), timeout=60_000)
    # Hover France: where MapLibre draws 2.5°E 46.5°N on the screen.
    x, y = root.evaluate(
        """(root) => { const map = root.__summitMap; const point = map.project([2.5, 46.5]);
            const box = map.getCanvas().getBoundingClientRect(); return [box.left + point.x, box.top + point.y]; }"""
    )
    page.mouse.move(x - 10, y - 10)
    page.mouse.move(x, y)
    hover = page.locator(".summit-map .summit-map-tooltip")
    expect(hover).to_contain_text("France")
    screenshot(page, "injection-map-hover")

    assert_nothing_ran(page, dialogs)
    # The map writes data as text: no element in it came from the data.
    assert root.evaluate("(root) => root.querySelectorAll('script, img, a, iframe, [onerror]').length") == 0
    assert 'President <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">' in hover.text_content()
    assert legend_title.first.text_content().startswith(f"Land {SCRIPT}")


def test_table_toolbar_gives_no_csv_with_a_live_formula(hostile_app, page, wait_for_app):
    # The grid's own CSV writes cells as they are: [client] disableDataExport = true removes its button.
    # Without the File System Access API the grid falls back to an ordinary download Playwright can catch.
    page.add_init_script("delete window.showSaveFilePicker")
    open_page(page, hostile_app + "/pledges", wait_for_app)
    page.get_by_test_id("stDataFrame").first.hover()
    download_button = page.get_by_role("button", name="Download as CSV")
    if download_button.count() == 0:
        return  # data export switched off: nothing to download
    with page.expect_download() as download:
        download_button.first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []


def briefing_slides(page: Page, base_url: str, wait_for_app) -> Iterator[int]:
    """Open each slide of the briefing in turn (their number is read from the 1 / N counter)."""
    open_page(page, base_url + "/briefing?slide=1", wait_for_app)
    counter = re.search(r"\b1 / (\d+)\b", visible_text(page, "body"))
    for number in range(1, (int(counter.group(1)) if counter else 1) + 1):
        if number > 1:
            open_page(page, f"{base_url}/briefing?slide={number}", wait_for_app)
        yield number


def test_every_briefing_slide_shows_hostile_text_as_typed(hostile_app, page, wait_for_app, error_boxes, screenshot):
    dialogs = watch_dialogs(page)
    numbers = []
    for number in briefing_slides(page, hostile_app, wait_for_app):
        assert_nothing_ran(page, dialogs)
        assert page.evaluate(FORMATTED_JS, PAYLOAD_WORDS) == [], f"slide {number}"
        assert error_boxes(page) == [], f"slide {number}"
        assert "&lt;" not in visible_text(page, "body"), f"slide {number} shows an HTML entity instead of text"
        numbers.append(number)
        if number == 1:
            assert SCRIPT in visible_text(page, "body")
            screenshot(page, "injection-briefing-1")
    assert len(numbers) > 1, "the slide counter was not found"
    assert page.console_errors == []


def test_briefing_charts_show_hostile_text_as_typed(hostile_app, page, wait_for_app):
    found = []
    for number in briefing_slides(page, hostile_app, wait_for_app):
        found += [f"slide {number}: {m}" for f in page.frames for m in f.evaluate(CHART_MARKUP_JS, PAYLOAD_WORDS)]
    assert found == []
