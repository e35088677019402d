"""The Changes page in Chromium: /changes with two days lists every record that differs, with its kind of change,
as the core's comparison has it (summit.changes); a count opens the list of that kind only."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from summit.changes import CHANGE_LABELS, CHANGED_KINDS, ChangeKind, compare, summary_text
from summit.history import dataset_as_of
from summit.versions import list_versions
from tests.versioned_data import versioned_copy

SINCE = dt.date(2026, 1, 6)
TIMEOUT_MS = 60_000


def test_changes_between_two_days_lists_every_record_that_differs(app_server, page, wait_for_app, error_boxes,
                                                                  bundled_dataset):  # fmt: skip
    expected = compare(dataset_as_of(bundled_dataset, SINCE), bundled_dataset)
    changed = [c for c in expected if c.kind in CHANGED_KINDS]
    assert changed  # the bundled data has follow-ups after Paris
    page.goto(f"{app_server}/changes?since={SINCE.isoformat()}&asof={bundled_dataset.info.as_of.isoformat()}")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    summary = summary_text(expected, f"{SINCE:%-d %B %Y}", f"{bundled_dataset.info.as_of:%-d %B %Y}")
    expect(main.get_by_text(summary)).to_be_visible(timeout=TIMEOUT_MS)
    expect(main.get_by_role("heading", name=f"Every change: {len(changed)}")).to_be_visible(timeout=TIMEOUT_MS)
    # The grid draws on a canvas; its print copy holds every cell as text: each change with its kind.
    for change in changed:
        expect(page.get_by_text(change.detail, exact=True).first).to_be_attached(timeout=TIMEOUT_MS)
    assert error_boxes(page) == [] and page.external_requests == []


def test_a_count_opens_the_records_of_that_kind_only(app_server, page, wait_for_app, error_boxes, bundled_dataset):
    expected = compare(dataset_as_of(bundled_dataset, SINCE), bundled_dataset)
    upgraded = [c for c in expected if c.kind == ChangeKind.UPGRADED]
    page.goto(f"{app_server}/changes?since={SINCE.isoformat()}")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    link = main.locator("tr", has_text=CHANGE_LABELS[ChangeKind.UPGRADED]).get_by_role("link")
    expect(link).to_have_text(str(len(upgraded)), timeout=TIMEOUT_MS)
    page.goto(f"{app_server}/{link.get_attribute('href')}")  # a markdown link opens a new tab: follow it here
    wait_for_app(page)
    heading = f"{CHANGE_LABELS[ChangeKind.UPGRADED]} records: {len(upgraded)}"
    expect(main.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT_MS)
    assert "change=upgraded" in page.url
    assert error_boxes(page) == []


def test_the_previous_git_version_compared_lists_exactly_the_committed_edit(tmp_path, start_app, page, wait_for_app,
                                                                             error_boxes):  # fmt: skip
    """Issue 13's 'done when': the data in a git repository, one status edited and committed; the page's
    comparison with the version before lists that change and nothing else."""
    data = versioned_copy(tmp_path)
    edit_version, previous = list_versions(data)
    base_url = start_app(data_dir=data)
    page.goto(f"{base_url}/changes")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_role("radio", name="A version of the data").click()
    expect(main.get_by_text("1 record changed (1 upgraded)")).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_app(page)
    expect(main.get_by_text(f"From the version of {previous.committed:%-d %B %Y, %H:%M} ({previous.short})")
           ).to_be_visible(timeout=TIMEOUT_MS)  # fmt: skip
    expect(main.get_by_role("heading", name="Every change: 1")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Ruled out → Refuses unless conditions are met", exact=True).first).to_be_attached()
    assert f"version={previous.short}" in page.url and edit_version.short != previous.short
    assert error_boxes(page) == []
