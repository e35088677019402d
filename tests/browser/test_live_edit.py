"""Editing the YAML while the app runs: the next interaction shows the edit; a broken edit keeps the last
good data on screen under a banner naming file, line and problem; fixing the file clears the banner.

The app notices edits by the files' names, sizes, mtimes, ctimes and inodes (summit.dataset.fingerprint),
checked on every rerun; Streamlit reruns only when the user does something, so each step clicks a button.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "tests" / "fixtures" / "tiny"
MEETING = "meetings/2026-01-06-paris.yaml"
STALE = "The data files have problems; the last good data is still shown."


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file with `new`, as an editor saving it would; returns its line number."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def interact(page: Page) -> None:
    """Something a user does that reruns the page without changing what it shows."""
    page.get_by_role("button", name="Reset filters").click()


def cell(page: Page, text: str):
    """A table cell holding exactly text, in the grid's accessible table (the grid itself is a canvas)."""
    return page.locator('[data-testid="stDataFrame"] td').filter(has_text=re.compile(f"^{re.escape(text)}$"))


def banner(page: Page):
    return page.get_by_test_id("stAlertContentError").filter(has_text=STALE)


def test_edits_show_on_the_next_interaction_and_a_broken_edit_keeps_the_last_good_data(
    tmp_path, start_app, page, wait_for_app, error_boxes, screenshot
):
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    meeting = data / MEETING
    base_url = start_app(data_dir=data)
    page.goto(f"{base_url}/participants")
    wait_for_app(page)
    expect(cell(page, "Emmanuel Macron, President of the Republic")).to_have_count(1)

    # 1. A good edit: the new name is shown after the next click, no restart.
    edit(meeting, "name: Emmanuel Macron", "name: Emmanuelle Macronne")
    interact(page)
    new_name = cell(page, "Emmanuelle Macronne, President of the Republic")
    expect(new_name).to_have_count(1)
    wait_for_app(page)
    assert error_boxes(page) == []

    # 2. A broken edit: the banner names file, line and problem; the last good data (with the edit) stays.
    line = edit(meeting, "status: signed", "status: signedd")
    interact(page)
    expect(banner(page)).to_be_visible()
    wait_for_app(page)
    text = " ".join(banner(page).inner_text().replace("\u2060", "").split())
    assert f"data/{MEETING}:{line}:" in text
    assert "pledges[0].status: 'signedd' is not allowed (did you mean 'signed'?)" in text
    expect(new_name).to_have_count(1)
    screenshot(page, "live-edit-broken")

    # 3. A hostile edit (an alias bomb) is just another problem: same banner, same data.
    good = meeting.read_bytes()
    meeting.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, n in zip("abcdefghi", "bcdefghij", strict=True)
        ),
        encoding="utf-8",
    )
    interact(page)
    expect(banner(page)).to_contain_text("alias bomb")
    wait_for_app(page)
    expect(new_name).to_have_count(1)

    # 4. Fixing the file clears the banner.
    meeting.write_bytes(good.replace(b"status: signedd", b"status: signed", 1))
    interact(page)
    expect(banner(page)).to_have_count(0)
    wait_for_app(page)
    assert error_boxes(page) == []
    expect(new_name).to_have_count(1)
    assert page.console_errors == []
    screenshot(page, "live-edit-fixed")
