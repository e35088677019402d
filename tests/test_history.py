"""Issue 13, items 1 and 2: a pledge's history of steps, and the data as it stood on a day (HISTORY_RULE)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from summit import frames as F
from summit import tables as T
from summit.dataset import Dataset, load_dataset
from summit.filters import Filters, dataset_view
from summit.frames import build_frames
from summit.history import dataset_as_of, history_text
from summit.overview import key_numbers
from summit.profile import build_profile
from tests.conftest import REPO, TINY

STEPS = """    history:
      - date: "2026-01-20"
        status: approved
        sources: [lequotidien-lux]
        confidence: confirmed
      - date: "2026-02"
        status: delivered
        quantities:
          - {measure: troops, value: 40}
        sources: [lequotidien-lux]
        confidence: single_source
"""


@pytest.fixture(scope="module")
def stepped(tmp_path_factory) -> Dataset:
    """The tiny data with France's Paris pledge approved on 20 January and delivered in February."""
    copy = tmp_path_factory.mktemp("history") / "tiny"
    shutil.copytree(TINY, copy)
    path = copy / "meetings" / "2026-01-06-paris.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: paris-fra-1\n"
    start = text.index(anchor)
    end = text.index("    sources:", start)
    path.write_text(text[:end] + STEPS + text[end:], encoding="utf-8")
    result = load_dataset(copy)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


def status_of(dataset: Dataset, pledge_id: str) -> str:
    return build_frames(dataset).pledges.set_index(F.PLEDGE).at[pledge_id, F.STATUS]


def test_the_status_shown_is_the_latest_step(stepped):
    assert status_of(stepped, "paris-fra-1") == "delivered"
    row = build_frames(stepped).pledges.set_index(F.PLEDGE).loc["paris-fra-1"]
    assert row[F.QUANTITIES] == "40 troops (single source)"


def test_as_of_a_day_statuses_are_as_they_were_then(stepped):
    assert status_of(dataset_as_of(stepped, dt.date(2026, 1, 31)), "paris-fra-1") == "approved"
    recorded = next(p for p in stepped.meetings[-1].pledges if p.id == "paris-fra-1").status
    assert status_of(dataset_as_of(stepped, dt.date(2026, 1, 10)), "paris-fra-1") == recorded
    # A step dated to the month counts from its first day.
    assert status_of(dataset_as_of(stepped, dt.date(2026, 2, 1)), "paris-fra-1") == "delivered"


def test_as_of_the_day_before_a_meeting_shows_none_of_its_records(stepped):
    before = dataset_as_of(stepped, dt.date(2026, 1, 5))
    assert [m.meeting.id for m in before.meetings] == ["video-2025-12-01"]
    assert before.info.as_of == dt.date(2026, 1, 5)
    rows = Filters().rows(before, build_frames(before))
    assert rows.meeting.meeting.id == "video-2025-12-01"  # the default meeting is one that had been held


def test_as_of_the_datasets_own_date_or_later_is_the_dataset(stepped):
    assert dataset_as_of(stepped, stepped.info.as_of) is stepped
    assert dataset_view(Filters(), stepped) is stepped


def test_the_history_is_listed_with_each_steps_date_and_doubt(stepped):
    pledge = next(p for p in stepped.meetings[-1].pledges if p.id == "paris-fra-1")
    assert history_text(pledge).endswith(
        " → Approved by parliament (20 January 2026) → Delivered (February 2026; single source)"
    )
    profile = build_profile(stepped, build_frames(stepped), "FRA")
    table = profile.pledges.set_index(T.COL_ID)
    assert table.at["paris-fra-1", T.COL_HISTORY] == history_text(pledge)


def test_steps_go_oldest_first(tmp_path):
    copy = tmp_path / "tiny"
    shutil.copytree(TINY, copy)
    path = copy / "meetings" / "2026-01-06-paris.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: paris-fra-1\n")
    end = text.index("    sources:", start)
    swapped = STEPS.replace('"2026-01-20"', '"2026-03-01"')
    path.write_text(text[:end] + swapped + text[end:], encoding="utf-8")
    messages = [p.message for p in load_dataset(copy).problems]
    assert any("history step dated 2026-02 comes before 2026-03-01" in m for m in messages), messages


def test_the_bundled_uk_follow_up_is_on_its_profile_and_gone_before_it():
    bundled = load_dataset(REPO / "data").dataset
    frames = build_frames(bundled)
    table = build_profile(bundled, frames, "GBR").pledges.set_index(T.COL_ID)
    assert table.at["paris-2026-gbr-2", T.COL_HISTORY] == (
        "Announced (9 January 2026) → Ongoing (25 February 2026; single source)"
    )
    earlier = dataset_as_of(bundled, dt.date(2026, 2, 1))
    assert status_of(earlier, "paris-2026-gbr-2") == "announced"


def test_asof_the_day_before_paris_shows_the_overview_without_its_records():
    bundled = load_dataset(REPO / "data").dataset
    filters = Filters.from_query_params({"asof": "2026-01-05", "m": "paris-2026-01-06"}, bundled)
    seen = dataset_view(filters, bundled)
    assert "paris-2026-01-06" not in {m.meeting.id for m in seen.meetings}
    rows = Filters().rows(seen, build_frames(seen))
    numbers = {n.label: n.text for n in key_numbers(seen, rows.meeting, rows.delegations, rows.pledges)}
    assert rows.meeting.meeting.date < dt.date(2026, 1, 6) and numbers["Pledges"] != ""


def test_the_cli_exports_as_of_a_day(tmp_path: Path):
    from summit.cli import main

    out = tmp_path / "pledges.csv"
    assert main(["export", "--data", str(REPO / "data"), "--format", "csv", "--out", str(out), "asof=2026-02-01",
                 "m=paris-2026-01-06", "scope=later"]) == 0  # fmt: skip
    import csv

    rows = {row["Id"]: row for row in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())}
    assert rows["paris-2026-gbr-2"]["Status"] == "Announced"  # the step of 25 February is after the day
    assert rows["paris-2026-gbr-2"]["History"] == ""
