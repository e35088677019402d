"""The "as of" filter in Chromium: a link with asof= opened first after a server start shows the data as it stood
that day, says so, and keeps the day in the URL; a profile lists a record's history. Expected values come from
the core (summit.history)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from summit.filters import Filters
from summit.frames import build_frames
from summit.history import as_of_banner, dataset_as_of

DAY_BEFORE_PARIS = dt.date(2026, 1, 5)
TIMEOUT_MS = 60_000


def test_an_asof_link_opened_first_shows_the_overview_of_that_day(start_app, page, wait_for_app, error_boxes,
                                                                   bundled_dataset):  # fmt: skip
    seen = dataset_as_of(bundled_dataset, DAY_BEFORE_PARIS)
    meeting = Filters().rows(seen, build_frames(seen)).meeting.meeting
    base_url = start_app()
    page.goto(f"{base_url}/?asof={DAY_BEFORE_PARIS.isoformat()}")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(as_of_banner(DAY_BEFORE_PARIS, bundled_dataset.info.as_of))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    # The overview is of the latest meeting held by then, not of Paris.
    expect(main.get_by_role("heading", level=1)).to_have_text(meeting.name, timeout=TIMEOUT_MS)
    assert meeting.date < dt.date(2026, 1, 6)
    assert f"asof={DAY_BEFORE_PARIS.isoformat()}" in page.url
    assert error_boxes(page) == [] and page.external_requests == []


def test_a_profile_lists_a_records_history(app_server, page, wait_for_app, error_boxes):
    page.goto(f"{app_server}/profile?participant=GBR&cols=history&cols=types&cols=status")
    wait_for_app(page)
    # The grid draws on a canvas; its print copy (in the page, shown when printing) holds every cell as text.
    history = "Announced (9 January 2026) → Ongoing (25 February 2026; single source)"
    expect(page.get_by_text(history).first).to_be_attached(timeout=TIMEOUT_MS)
    assert error_boxes(page) == []
