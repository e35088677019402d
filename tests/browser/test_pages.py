"""Every page in headless Chromium at projector sizes, deep links on a fresh server, shareable filtered
URLs, a table row that opens a profile, and a table page's downloads."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from browser_harness.widgets import pick_option
from summit.dataset import Dataset
from summit.exports import build_view
from summit.figures import NEUTRAL
from summit.filters import Filters, filter_options
from summit.formats import Subject, formats_for
from summit.frames import build_frames, participant_name
from summit.overview import COUNTED, PLEDGES, key_numbers
from summit_ui.pages import PAGES as APP_PAGES
from summit_ui.pages import PageKind

SIZES = [(1920, 1080), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
PROFILE_CODE = "FRA"
# Page name (for screenshots) → path; the Briefing page is tested with its own code.
PAGES = {spec.name: spec.path for spec in APP_PAGES if spec.kind != PageKind.SLIDES}
PAGES["profile"] += f"?participant={PROFILE_CODE}"
PAGES_WITH_MAP = {spec.name for spec in APP_PAGES if spec.has_map}
TIMEOUT_MS = 60_000
# Back to the top of the page (reading the map's pixels scrolls it into view), as a viewer first sees it.
SCROLL_TO_TOP_JS = """() => {
    for (const element of [document.scrollingElement, ...document.querySelectorAll('*')]) {
        if (element && element.scrollTop > 0) element.scrollTop = 0;
    }
}"""

# Plotly has drawn every chart (its SVG exists) and every st.dataframe has laid out its grid.
CONTENT_DRAWN_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const charts = Array.from(main.querySelectorAll('[data-testid="stPlotlyChart"]'));
    const grids = Array.from(main.querySelectorAll('[data-testid="stDataFrame"]'));
    return document.fonts.status === 'loaded'
        && charts.every((chart) => chart.querySelector('.main-svg') !== null)
        && grids.every((grid) => grid.querySelector('table[role="grid"]') !== null);
}"""


def expected_heading(name: str, dataset: Dataset) -> str:
    """The page title a user should see on the bundled data, from the core's own names."""
    meeting = next(m.meeting for m in dataset.meetings if m.meeting.id == dataset.default_meeting_id())
    return {
        "overview": meeting.name,
        "map": f"Map — {meeting.short_name}",
        "participants": f"Participants — {meeting.short_name}",
        "pledges": f"Pledges and stances — {meeting.short_name}",
        "matrix": f"Who does what — {meeting.short_name}",
        "profile": participant_name(dataset, PROFILE_CODE),
        "scenarios": f"Scenarios — {meeting.short_name}",
        "timeline": f"Timeline of {dataset.meeting_series}",
        "changes": "What changed",
        "sources": "Sources & method",
    }[name]


def query(page: Page) -> dict[str, str]:
    """The current URL's query parameters (each key once)."""
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def heading(page: Page) -> str:
    """The page title (the first h1 of the main area)."""
    return page.get_by_test_id("stMain").locator("h1").first.inner_text().strip()


def sentence(page: Page) -> str:
    """The bold sentence that states the active filters ("Showing ...")."""
    bold = page.get_by_test_id("stMain").locator("strong").filter(has_text=re.compile(r"^Showing "))
    expect(bold).to_have_count(1)
    return bold.inner_text().strip()


def main_grid(page: Page) -> Locator:
    """The page's first st.dataframe."""
    return page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first


def wait_for_content(page: Page) -> None:
    """Wait until charts and tables have been drawn, not only sent."""
    page.wait_for_function(CONTENT_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)


def nav_link(page: Page, title: str) -> Locator:
    """A page link of the sidebar navigation."""
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)


def assert_clean(page: Page, error_boxes) -> None:
    """No error box, no console error, nothing requested outside localhost, no failed request."""
    assert error_boxes(page) == []
    assert page.console_errors == []
    assert page.external_requests == []
    assert page.failed_requests == []


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_offline_without_errors(
    name, app_server, page, wait_for_app, wait_for_map, error_boxes, screenshot, bundled_dataset
):
    page.goto(app_server + PAGES[name])
    wait_for_app(page)
    wait_for_content(page)
    if name in PAGES_WITH_MAP:
        wait_for_map(page, neutral=NEUTRAL)
        page.evaluate(SCROLL_TO_TOP_JS)

    width, height = page.viewport_size["width"], page.viewport_size["height"]
    screenshot(page, f"{name}-{width}x{height}")
    assert heading(page) == expected_heading(name, bundled_dataset)
    assert_clean(page, error_boxes)
    # Nothing sticks out sideways: a projector shows no horizontal scrollbar.
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width


DEEP_LINKS = {
    # link → query the page must still carry once it has rendered
    "/participants?s=ruled_out": {"s": "ruled_out"},
    f"/profile?participant={PROFILE_CODE}": {"participant": PROFILE_CODE},
    "/map?g=nato": {"g": "nato"},
}


@pytest.mark.parametrize("link", list(DEEP_LINKS))
def test_deep_link_is_the_first_request_of_a_fresh_server(
    link, start_app, page, wait_for_app, error_boxes, bundled_dataset, grid_row_count
):
    base_url = start_app()  # nobody has opened "/" on this server yet

    page.goto(base_url + link)
    wait_for_app(page)
    wait_for_content(page)

    assert_clean(page, error_boxes)
    assert urlsplit(page.url).path == urlsplit(link).path
    assert DEEP_LINKS[link].items() <= query(page).items()
    # The entrypoint ran: the sidebar has the filters and the navigation names the pages by title.
    expect(page.get_by_test_id("stSidebar").get_by_text("Filters", exact=True)).to_be_visible()
    for title in ("Overview", "Participants", "Who does what", "Sources & method"):
        expect(nav_link(page, title)).to_be_visible()
    # The page the link names, with the link's filters applied.
    name = urlsplit(link).path.strip("/")
    assert heading(page) == expected_heading(name, bundled_dataset)
    filters = Filters.from_query_params(DEEP_LINKS[link], bundled_dataset)
    if name == "participants":
        rows = grid_row_count(main_grid(page))
        assert rows > 0
        assert sentence(page) == filters.describe(bundled_dataset, rows, "delegations")
    if name == "map":
        everyone = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").last  # "All participants"
        assert sentence(page) == filters.describe(bundled_dataset, grid_row_count(everyone), "delegations")


def test_filtered_url_gives_the_same_view_after_reload_and_on_another_page(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, grid_row_count
):
    params = {"g": "nato", "d": "land"}
    filters = Filters.from_query_params(params, bundled_dataset)
    page.goto(f"{app_server}/pledges?g=nato&d=land")
    wait_for_app(page)
    wait_for_content(page)
    rows = grid_row_count(main_grid(page))
    shown = sentence(page)
    assert rows > 0
    assert shown == filters.describe(bundled_dataset, rows, "pledges and stances")

    page.reload()
    wait_for_app(page)
    wait_for_content(page)
    assert sentence(page) == shown
    assert grid_row_count(main_grid(page)) == rows

    nav_link(page, "Participants").click()
    page.wait_for_url(re.compile(r"/participants\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    wait_for_content(page)
    assert params.items() <= query(page).items()
    delegations = grid_row_count(main_grid(page))
    assert sentence(page) == filters.describe(bundled_dataset, delegations, "delegations")
    assert_clean(page, error_boxes)


def test_sidebar_filter_is_written_to_the_url(app_server, page, wait_for_app, error_boxes, bundled_dataset):
    status = "ruled_out"
    label = filter_options(bundled_dataset)["statuses"][status]
    page.goto(f"{app_server}/participants")
    wait_for_app(page)
    assert "s" not in query(page)

    pick_option(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Status", exact=True), label)

    page.wait_for_url(re.compile(rf"[?&]s={status}(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    wait_for_content(page)
    assert f"with status {label}" in sentence(page)
    assert_clean(page, error_boxes)


def test_selecting_a_participant_row_opens_its_profile_and_keeps_the_filters(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, click_grid_row
):
    # A meeting other than the default, so that losing the filters on the way would show.
    others = [m for m in bundled_dataset.meetings if m.meeting.id != bundled_dataset.default_meeting_id()]
    meeting = max(others, key=lambda m: len(m.delegations)).meeting
    page.goto(f"{app_server}/participants?m={meeting.id}")
    wait_for_app(page)
    wait_for_content(page)

    name = click_grid_row(main_grid(page), 1)

    page.wait_for_url(re.compile(r"/profile\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    expect(page.get_by_test_id("stMain").locator("h1").first).to_have_text(name)
    code = query(page)["participant"]
    assert participant_name(bundled_dataset, code) == name
    assert query(page).get("m") == meeting.id
    assert_clean(page, error_boxes)

    nav_link(page, "Participants").click()
    page.wait_for_url(re.compile(r"/participants\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert query(page).get("m") == meeting.id
    assert sentence(page).endswith(f"at {meeting.short_name}.")


def test_table_page_downloads_a_file_per_row_of_the_formats_table(
    app_server, page, wait_for_app, error_boxes, bundled_dataset
):
    params = {"g": "nato", "d": "land"}
    page.goto(f"{app_server}/pledges?g=nato&d=land")
    wait_for_app(page)
    wait_for_content(page)
    view = build_view(
        bundled_dataset, build_frames(bundled_dataset), Filters.from_query_params(params, bundled_dataset), "pledges"
    )
    for export in formats_for(Subject.TABLE) + formats_for(Subject.DATASET):
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            page.locator(f".st-key-{export.id}_pledges button:visible").click()
        payload = download.value.path().read_bytes()
        assert download.value.suggested_filename.endswith(export.suffix), export.id
        expected = export.write(view) if export.subject == Subject.TABLE else export.write(bundled_dataset)
        assert payload[:4] == expected[:4], export.id  # the same kind of file as the core writes
        if export.id == "csv":
            assert payload == expected  # the filtered view, byte for byte, byte-order mark included
    assert_clean(page, error_boxes)


# Under these filters every rule shows a number: the notes too (3 leaders unconfirmed, 4 press reports).
COUNTED_VIEW = {"g": "nato", "scope": "earlier,later"}


@pytest.mark.parametrize("rule", list(COUNTED))
def test_a_headline_number_opens_the_records_it_counts(
    rule, app_server, page, wait_for_app, error_boxes, bundled_dataset, grid_row_count
):
    """On the overview, under a filter, the link under a number (or its note) opens the list page with that
    filter plus `n=<rule>`, and the list has as many rows as the number says."""
    filters = Filters.from_query_params(COUNTED_VIEW, bundled_dataset)
    view = filters.rows(bundled_dataset, build_frames(bundled_dataset))
    numbers = key_numbers(bundled_dataset, view.meeting, view.delegations, view.pledges)
    shown = {n.counts: n.value for n in numbers} | {n.note_counts: n.note.lstrip("+") for n in numbers if n.note}
    count = shown[rule].split(" ")[0]
    page.goto(f"{app_server}/?{urlencode(COUNTED_VIEW)}")
    wait_for_app(page)

    link = page.get_by_test_id("stMain").locator(f".st-key-counted_{rule}").get_by_role("button")
    expect(link).to_contain_text(f"List the {count} ")
    link.click()

    listing = "pledges" if COUNTED[rule].frame == PLEDGES else "participants"
    page.wait_for_url(re.compile(rf"/{listing}\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    wait_for_content(page)
    assert query(page) == {**COUNTED_VIEW, "n": rule}
    assert grid_row_count(main_grid(page)) == int(count)
    assert f"counted as {COUNTED[rule].label.lower()}" in sentence(page)
    assert_clean(page, error_boxes)
