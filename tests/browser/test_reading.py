"""What staff read and hand out (issue 18), in Chromium: search that finds people, tables that show the answer
at 1280 and 1920, a record's detail by mouse and keyboard, no record id or scientific notation on any page,
honest domain filters, print, and a tablet."""

from __future__ import annotations

import re
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from browser_harness.grid import GRID_SHOWS_FIRST_ROW_JS
from browser_harness.widgets import pick_option
from summit import frames as F
from summit import tables as T
from summit.filters import Filters, no_domain_records
from summit.frames import build_frames
from summit.profile import record_detail
from tests.browser.test_pages import PAGES, TIMEOUT_MS, assert_clean, nav_link, query, wait_for_content

SIZES = [(1920, 1080), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
TABLET = (768, 1024)

GRID_HEADERS_JS = "(grid) => Array.from(grid.querySelectorAll('table[role=grid] thead th')).map((th) => th.innerText)"
GRID_SCROLL_JS = "(grid) => { const s = grid.querySelector('.dvn-scroller'); return [s.scrollWidth, s.clientWidth]; }"
ACTIVE_IS_GRID_JS = "() => document.activeElement && document.activeElement.getAttribute('data-testid') === " \
    "'data-grid-canvas'"  # fmt: skip
SIDEBAR_IS = "() => document.querySelector('[data-testid=stSidebar]').getAttribute('data-collapsed') === '{}'"
# Anything a metric tile cuts: an element whose text is wider than its box.
CUT_TILE_TEXT_JS = """() => Array.from(document.querySelectorAll(
        '[data-testid="stMetricValue"], [data-testid="stMetricLabel"], [data-testid="stMetricDelta"]'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText)"""


def open_page(page: Page, wait_for_app, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_for_content(page)


def drawn_grid(page: Page, index: int = 0):
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").nth(index)
    page.wait_for_function(GRID_SHOWS_FIRST_ROW_JS, arg=grid.element_handle(), timeout=TIMEOUT_MS, polling=100)
    return grid


@pytest.mark.parametrize(
    ("text", "head", "code"), [("Starmer", "Keir Starmer", "GBR"), ("Zelenskyy", "Volodymyr Zelensky", "UKR")]
)
def test_a_persons_name_finds_their_delegations_records_and_says_so(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, grid_texts, text, head, code
):
    open_page(page, wait_for_app, f"{app_server}/pledges?q={text}")
    name = F.participant_name(bundled_dataset, code)
    assert name in grid_texts(drawn_grid(page))
    expect(
        page.get_by_test_id("stMain").get_by_text(re.compile(rf"of {name}, whose delegation {head} led"))
    ).to_be_visible()
    assert_clean(page, error_boxes)


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
def test_the_pledges_table_shows_description_and_source_without_a_sideways_scroll(
    app_server, page, wait_for_app, error_boxes, screenshot
):
    open_page(page, wait_for_app, f"{app_server}/pledges")
    grid = drawn_grid(page)
    headers = grid.evaluate(GRID_HEADERS_JS)
    assert headers[:4] == [T.COL_PARTICIPANT, T.COL_TYPES, T.COL_STATUS, T.COL_DESCRIPTION]
    assert T.COL_SOURCE in headers and T.COL_CONFIDENCE in headers
    scroll_width, width = grid.evaluate(GRID_SCROLL_JS)
    assert scroll_width <= width, f"the grid scrolls sideways: {scroll_width} px of content in {width} px"
    screenshot(page, f"pledges-table-{page.viewport_size['width']}")
    assert_clean(page, error_boxes)


def test_the_column_choice_is_kept_in_the_url(app_server, page, wait_for_app, error_boxes):
    # Column ids in any order, an unknown one dropped: shown in the table's order.
    open_page(page, wait_for_app, f"{app_server}/pledges?cols=said_by&cols=participant&cols=nonsense")
    assert drawn_grid(page).evaluate(GRID_HEADERS_JS) == [T.COL_PARTICIPANT, T.COL_SAID_BY]
    # A column added on the page goes into the link.
    page.get_by_test_id("stPopoverButton").click()
    pick_option(page.get_by_role("combobox", name="Columns shown"), T.COL_DATE)
    page.wait_for_url(re.compile(r"[?&]cols=date(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert sorted(parse_qs(urlsplit(page.url).query)["cols"]) == ["date", "participant", "said_by"]
    page.keyboard.press("Escape")
    wanted = [T.COL_PARTICIPANT, T.COL_SAID_BY, T.COL_DATE]
    page.wait_for_function(f"(grid) => ({GRID_HEADERS_JS})(grid).join('|') === {'|'.join(wanted)!r}",
                           arg=drawn_grid(page).element_handle(), timeout=TIMEOUT_MS)  # fmt: skip
    assert_clean(page, error_boxes)


def _expect_detail(page: Page, bundled_dataset, name: str) -> None:
    """The dialog is titled with the participant and lists the record's sources as links."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=TIMEOUT_MS)
    assert dialog.inner_text().strip().startswith(f"{name} — "), dialog.inner_text()[:200]
    frames = build_frames(bundled_dataset)
    records = frames.pledges[frames.pledges[F.NAME] == name][F.PLEDGE]
    links = dialog.get_by_role("link").all()
    assert len(links) in {len(record_detail(bundled_dataset, frames, p).sources) for p in records}
    assert all((link.get_attribute("href") or "").startswith(("http://", "https://")) for link in links)


def test_a_row_opens_the_whole_record_by_keyboard_and_by_mouse(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, click_grid_row
):
    names = set(build_frames(bundled_dataset).pledges[F.NAME])
    open_page(page, wait_for_app, f"{app_server}/pledges")
    grid = drawn_grid(page)
    # Keyboard only: Tab into the grid, move down to the third row, Shift+Space selects it.
    page.get_by_test_id("stPopoverButton").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_IS_GRID_JS):
            break
    assert page.evaluate(ACTIVE_IS_GRID_JS), "Tab does not reach the table"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=TIMEOUT_MS)
    by_keyboard = dialog.inner_text().strip().split(" — ")[0]
    assert by_keyboard in names
    _expect_detail(page, bundled_dataset, by_keyboard)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0, timeout=TIMEOUT_MS)

    # By mouse, another row (the first): its detail, then the participant's profile with the filters kept.
    name = click_grid_row(grid, 0)
    _expect_detail(page, bundled_dataset, name)
    page.get_by_role("dialog").get_by_role("button", name="Open the participant's profile").click()
    page.wait_for_url(re.compile(r"/profile\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert F.participant_name(bundled_dataset, query(page)["participant"]) == name
    assert_clean(page, error_boxes)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_shows_a_record_id_or_a_number_in_scientific_notation(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, name
):
    frames = build_frames(bundled_dataset)
    ids = set(frames.pledges[F.PLEDGE])
    path = PAGES[name]
    open_page(page, wait_for_app, f"{app_server}{path}{'&' if '?' in path else '?'}scope=earlier,later")
    # textContent holds the print copies of the tables too: every cell a grid draws on its canvas.
    text = page.get_by_test_id("stMain").evaluate("(main) => main.textContent")
    words = set(re.findall(r"[\w-]+", text))
    assert not words & ids, sorted(words & ids)[:5]
    assert not re.search(r"\d\.?\d*e[+-]\d", text), re.search(r".{20}\d\.?\d*e[+-]\d.{20}", text)
    assert_clean(page, error_boxes)


def test_a_domain_filter_sets_apart_the_records_that_name_no_domain(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, grid_row_count
):
    frames = build_frames(bundled_dataset)
    filters = Filters.from_query_params({"t": "mnf_land"}, bundled_dataset)
    apart = no_domain_records(filters, bundled_dataset, frames, filters.rows(bundled_dataset, frames).pledges)
    assert len(apart) > 0, "the bundled data has offers with no domain"
    open_page(page, wait_for_app, f"{app_server}/pledges?t=mnf_land")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(rf"^Set apart: {len(apart)} records under "))).to_be_visible()
    expect(main.get_by_role("heading", name=f"Set apart: {len(apart)} records that name no domain")).to_be_visible()
    assert grid_row_count(drawn_grid(page, 1)) == len(apart)
    assert_clean(page, error_boxes)


def test_a_printed_pledges_page_has_every_column_the_screen_shows(
    app_server, page, wait_for_app, error_boxes, bundled_dataset
):
    frames = build_frames(bundled_dataset)
    rows = Filters.from_query_params({"g": "nato"}, bundled_dataset).rows(bundled_dataset, frames)
    names = list(T.pledges_table(bundled_dataset, rows.pledges)[T.COL_PARTICIPANT])
    open_page(page, wait_for_app, f"{app_server}/pledges?g=nato")
    headers = drawn_grid(page).evaluate(GRID_HEADERS_JS)
    pdf = PdfReader(BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    first_page = re.sub(r"\s+", " ", pdf.pages[0].extract_text() + pdf.pages[min(1, len(pdf.pages) - 1)].extract_text())
    for header in headers:
        assert header in first_page, f"{header!r} is not on the printout"
    assert "Showing " in flat and "Data as of " in flat and "Cite as:" in flat
    assert "Reset filters" not in flat and "Download" not in flat  # no sidebar, no widgets
    assert names[0] in flat and names[-1] in flat  # the table's first and last rows: nothing clipped
    assert_clean(page, error_boxes)


def test_a_tablet_shows_whole_tiles_and_closes_the_sidebar_after_navigation(
    app_server, page_at, wait_for_app, error_boxes, screenshot
):
    page = page_at(*TABLET)
    open_page(page, wait_for_app, f"{app_server}/")
    assert page.evaluate(CUT_TILE_TEXT_JS) == []
    screenshot(page, "overview-tablet")
    page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_function(SIDEBAR_IS.format("false"), timeout=TIMEOUT_MS)
    nav_link(page, "Pledges").click()
    page.wait_for_url(re.compile(r"/pledges"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    page.wait_for_function(SIDEBAR_IS.format("true"), timeout=TIMEOUT_MS)
    assert_clean(page, error_boxes)
