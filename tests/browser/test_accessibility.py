"""WCAG 2.2 AA in the browser: axe-core (vendored, browser_harness/axe.py) finds no critical or serious
violation on any page of the app, nor on any briefing slide in the light and the dark theme.

The app itself has one theme (Streamlit's light theme with the app's colours; `.streamlit/config.toml` sets
it, so Streamlit's menu offers no choice of theme); the briefing has its own light and dark themes.
"""

from __future__ import annotations

import pytest

from browser_harness.axe import failing, report, run_axe
from summit.briefing.slides import build_briefing
from summit.dataset import Dataset
from summit.figures import NEUTRAL
from summit.filters import Filters
from summit.frames import build_frames
from tests.browser.test_briefing_slides import MEETING, wait_for_slide
from tests.browser.test_pages import PAGES, PAGES_WITH_MAP, wait_for_content


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_has_no_serious_accessibility_violation(name, app_server, page, wait_for_app, wait_for_map):
    page.goto(app_server + PAGES[name])
    wait_for_app(page)
    wait_for_content(page)
    if name in PAGES_WITH_MAP:
        wait_for_map(page, neutral=NEUTRAL)

    found = failing(run_axe(page))

    assert found == [], f"axe-core on {PAGES[name]}:\n{report(found)}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_briefing_slide_has_no_serious_accessibility_violation(
    theme, app_server, page_at, wait_for_app, bundled_dataset: Dataset
):
    slides = build_briefing(bundled_dataset, build_frames(bundled_dataset), Filters(meeting=MEETING))
    page = page_at(1920, 1080)
    page.goto(f"{app_server}/briefing?m={MEETING}&slide=1&theme={theme}")
    found = []
    for number, slide in enumerate(slides, start=1):
        wait_for_slide(page, wait_for_app, slide)
        found += [f"slide {number} ({slide.key}): {v.describe()}" for v in failing(run_axe(page))]
        if number < len(slides):
            page.keyboard.press("ArrowRight")

    assert found == [], f"axe-core on the briefing, {theme} theme:\n" + "\n".join(found)


def test_the_axe_helper_finds_low_contrast_text_in_the_page_and_in_a_frame(page):
    frame_html = '<html lang="en"><title>f</title><main><p style="color:#aaaaaa">grey in a frame</p></main></html>'
    page.set_content(
        '<html lang="en"><head><title>probe</title></head><body><main>'
        '<p style="color:#999999; background:#ffffff">grey on white</p>'
        f"<iframe title=\"probe frame\" srcdoc='{frame_html}'></iframe></main></body></html>"
    )
    page.frame_locator("iframe").locator("p").wait_for()

    found = failing(run_axe(page))

    assert [(v.rule, v.impact) for v in found] == [("color-contrast", "serious")] * 2
    assert found[0].html == '<p style="color:#999999; background:#ffffff">grey on white</p>'
    assert found[1].target.startswith("iframe > frame > ")
    assert "grey in a frame" in found[1].html
    assert "color-contrast (serious) at " in report(found)
