"""The app on the second dataset (examples/urc-2025-rome, a recovery conference): every page and every
briefing slide opens with no error and shows none of the first dataset's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser_harness.server import APP_SCRIPT, launch_streamlit
from summit.briefing.layout import Slide
from summit.briefing.slides import build_briefing
from summit.dataset import Dataset, load_dataset
from summit.figures import NEUTRAL
from summit.filters import Filters
from summit.frames import build_frames, participant_name
from summit_ui.pages import PAGES as APP_PAGES
from summit_ui.pages import PageKind
from tests.browser.test_briefing_slides import wait_for_slide

URC = Path(__file__).resolve().parents[2] / "examples" / "urc-2025-rome"
PROFILE_CODE = "ITA"
PAGES = {spec.name: spec.path for spec in APP_PAGES if spec.kind != PageKind.SLIDES}
PAGES["profile"] += f"?participant={PROFILE_CODE}"
PAGES_WITH_MAP = {spec.name for spec in APP_PAGES if spec.has_map}
TIMEOUT_MS = 60_000
# Words of the bundled Coalition of the Willing data that have no place on a recovery conference's pages.
BORROWED = re.compile(
    r"coalition of the willing|ceasefire|backstop|coalition meetings|multinational force", re.IGNORECASE
)
# Troops belong to the first dataset too; the Sources & method page still names the map's figure rule
# after them (below).
TROOPS = re.compile(r"\btroops?\b", re.IGNORECASE)

# Plotly has drawn every chart (its SVG exists) and every st.dataframe has laid out its grid.
CONTENT_DRAWN_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const charts = Array.from(main.querySelectorAll('[data-testid="stPlotlyChart"]'));
    const grids = Array.from(main.querySelectorAll('[data-testid="stDataFrame"]'));
    return document.fonts.status === 'loaded'
        && charts.every((chart) => chart.querySelector('.main-svg') !== null)
        && grids.every((grid) => grid.querySelector('table[role="grid"]') !== null);
}"""


@pytest.fixture(scope="module")
def urc_server() -> Iterator[str]:
    """Base URL of the dashboard running on the second dataset (one server for the whole module)."""
    with launch_streamlit(APP_SCRIPT, URC) as server:
        yield server.base_url


@pytest.fixture(scope="module")
def urc() -> Dataset:
    result = load_dataset(URC)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="module")
def slides(urc: Dataset) -> list[Slide]:
    return build_briefing(urc, build_frames(urc), Filters(meeting=urc.default_meeting_id()))


def expected_heading(name: str, dataset: Dataset) -> str:
    meeting = next(m.meeting for m in dataset.meetings if m.meeting.id == dataset.default_meeting_id())
    return {
        "overview": meeting.name,
        "map": f"Map — {meeting.short_name}",
        "participants": f"Participants — {meeting.short_name}",
        "pledges": f"Pledges and stances — {meeting.short_name}",
        "matrix": f"Who does what — {meeting.short_name}",
        "profile": participant_name(dataset, PROFILE_CODE),
        "scenarios": f"Scenarios — {meeting.short_name}",
        "timeline": "Timeline of Ukraine Recovery Conferences",
        "changes": "What changed",
        "sources": "Sources & method",
    }[name]


def borrowed_words(page: Page, words: re.Pattern[str] = BORROWED) -> list[str]:
    """Each borrowed word the page shows (main area and sidebar), with the text around it."""
    text = page.locator("body").inner_text()
    return [text[max(0, m.start() - 60) : m.end() + 60].replace("\n", " ") for m in words.finditer(text)]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_on_the_second_dataset(
    name, urc_server, page, wait_for_app, wait_for_map, error_boxes, screenshot, urc
):
    page.goto(urc_server + PAGES[name])
    wait_for_app(page)
    page.wait_for_function(CONTENT_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)
    if name in PAGES_WITH_MAP:
        wait_for_map(page, neutral=NEUTRAL)
    screenshot(page, f"urc-{name}")
    heading = page.get_by_test_id("stMain").locator("h1").first.inner_text().strip()
    assert heading == expected_heading(name, urc)
    assert error_boxes(page) == []
    assert page.console_errors == []
    assert page.failed_requests == []
    assert borrowed_words(page) == []
    if name != "sources":
        assert borrowed_words(page, TROOPS) == []


def test_sources_page_speaks_of_no_troops_on_a_dataset_without_them(urc_server, page, wait_for_app):
    page.goto(urc_server + PAGES["sources"])
    wait_for_app(page)
    page.wait_for_function(CONTENT_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)
    assert borrowed_words(page, TROOPS) == []


def test_every_briefing_slide_opens_on_the_second_dataset(
    urc_server, page, wait_for_app, error_boxes, screenshot, urc, slides
):
    page.goto(f"{urc_server}/briefing?m={urc.default_meeting_id()}&slide=1")
    for number, slide in enumerate(slides, start=1):
        wait_for_slide(page, wait_for_app, slide)
        where = f"slide {number} ({slide.key})"
        assert page.evaluate("() => new URL(location.href).searchParams.get('slide')") == str(number), where
        assert error_boxes(page) == [], where
        assert borrowed_words(page) == [], where
        assert borrowed_words(page, TROOPS) == [], where
        screenshot(page, f"urc-briefing-{number}")
        if number < len(slides):
            page.keyboard.press("ArrowRight")
    assert page.console_errors == []
