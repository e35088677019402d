"""What changed from one meeting to the next."""

from __future__ import annotations

import datetime as dt

from summit import frames as F
from summit.filters import Filters
from summit.timeline import MeetingChange, meeting_changes, newest_first_page, page_count, timeline_meetings


def test_changes_list_attendance_documents_and_pledges(tiny, tiny_frames):
    (change,) = meeting_changes(tiny, tiny_frames.delegations, tiny_frames.pledges, tiny_frames.pledge_types)
    assert change.is_latest and change.meeting_id == "paris-2026-01-06"
    assert "Delegations identified: 4 (3 led by a head of state or government)" in change.lines
    assert "Document adopted: Paris Declaration" in change.lines
    assert "Pledges recorded: 5; stances: 1" in change.lines


def test_counts_follow_the_filters(tiny, tiny_frames):
    pledges = Filters(statuses=("ruled_out",)).apply_pledges(tiny_frames.pledges, None)
    meetings = timeline_meetings(tiny_frames.meetings, tiny_frames.delegations, pledges)
    assert meetings[F.PLEDGE_COUNT].tolist() == [1]
    assert meetings[F.DELEGATION_COUNT].tolist() == [4]


def test_second_meeting_reports_newcomers_and_new_kinds(tiny_copy):
    from summit.dataset import load_dataset
    from summit.frames import build_frames

    text = (tiny_copy / "meetings" / "2026-01-06-paris.yaml").read_text()
    earlier = text.replace("paris-2026-01-06", "earlier").replace(
        "date: 2026-01-06\n  city", "date: 2025-12-01\n  city"
    )
    earlier = earlier.replace("paris-", "earlier-")
    head, _, rest = earlier.partition("pledges:")
    only_fra = head.split("  - participant: LUX")[0] + "pledges:\n" + rest.split("  - id: earlier-lux-1")[0]
    (tiny_copy / "meetings" / "2025-12-01-earlier.yaml").write_text(only_fra)
    dataset = load_dataset(tiny_copy).dataset
    frames = build_frames(dataset)
    first, second = meeting_changes(dataset, frames.delegations, frames.pledges, frames.pledge_types)
    assert first.meeting_id == "earlier" and not first.is_latest
    assert "First recorded attendance: Luxembourg, Norway, United States" in second.lines
    assert any(line.startswith("New kinds of commitment: ") and "Logistics" in line for line in second.lines)


def change(n: int) -> MeetingChange:
    return MeetingChange(f"m{n}", f"Meeting {n}", dt.date(2025, 1, 1) + dt.timedelta(days=n), "", (), False)


def test_meetings_are_listed_newest_first_page_by_page():
    changes = [change(n) for n in range(7)]  # oldest first, as meeting_changes gives them
    assert page_count(changes, 3) == 3 and page_count([], 3) == 1
    assert [c.meeting_id for c in newest_first_page(changes, 1, 3)] == ["m6", "m5", "m4"]
    assert [c.meeting_id for c in newest_first_page(changes, 3, 3)] == ["m0"]
    assert newest_first_page(changes, 9, 3) == newest_first_page(changes, 3, 3)  # clamped to the last page
    assert newest_first_page(changes, 0, 3) == newest_first_page(changes, 1, 3)


def test_a_meeting_reads_as_one_block_summary_first(tiny, tiny_frames):
    (first,) = meeting_changes(tiny, tiny_frames.delegations, tiny_frames.pledges, tiny_frames.pledge_types)
    lines = first.text.split("\n")
    assert lines[0] == first.summary and lines[1:] == [f"• {line}" for line in first.lines]
