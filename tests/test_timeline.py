"""What changed from one meeting to the next."""

from __future__ import annotations

import datetime as dt

from summit import frames as F
from summit.filters import Filters
from summit.timeline import MeetingChange, meeting_changes, newest_first_page, page_count, timeline_meetings


def test_changes_list_attendance_documents_and_pledges(tiny, tiny_frames):
    """What the Timeline page gives: every meeting's rows in the default time scope."""
    rows = Filters().rows(tiny, tiny_frames, all_meetings=True)
    video, paris = meeting_changes(tiny, rows.delegations, rows.pledges, rows.pledge_types)
    assert (video.meeting_id, video.is_latest, paris.meeting_id, paris.is_latest) == (
        "video-2025-12-01", False, "paris-2026-01-06", True
    )  # fmt: skip
    assert video.lines == (
        "Delegations identified: 1 (1 led by a head of state or government on record as present)",  # by video
        "Pledges recorded: 1; stances: 0",
    )
    assert paris.lines == (
        # France and Luxembourg; Norway's head is not named and its attendance not known. The EU's leader is
        # no head of state or government.
        "Delegations identified: 5 (2 led by a head of state or government on record as present, 1 more unconfirmed)",
        # France was at the call.
        "Not recorded at an earlier meeting: European Union, Luxembourg, Norway, United States",
        "Document adopted: Paris Declaration",
        # Luxembourg's refusal and Norway's call for a sea mission; the press report of US support at sea.
        "Pledges recorded: 5; stances: 2; reported, not confirmed: 1",
        # Logistics was pledged at the call; at sea there is only Norway's stance and the press report.
        "New kinds of commitment: Ceasefire monitoring and verification, Multinational force on land",
    )


def test_counts_follow_the_filters(tiny, tiny_frames):
    rows = Filters(statuses=("ruled_out",)).rows(tiny, tiny_frames, all_meetings=True)
    meetings = timeline_meetings(tiny_frames.meetings, rows.delegations, rows.pledges)
    assert meetings[F.MEETING].tolist() == ["video-2025-12-01", "paris-2026-01-06"]
    assert meetings[F.PLEDGE_COUNT].tolist() == [0, 1]  # Luxembourg's refusal, in Paris
    assert meetings[F.DELEGATION_COUNT].tolist() == [0, 1]
    unfiltered = timeline_meetings(tiny_frames.meetings, tiny_frames.delegations, tiny_frames.pledges)
    # Every record, the two outside the Paris meeting's day included.
    assert unfiltered[F.PLEDGE_COUNT].tolist() == [1, 10] and unfiltered[F.DELEGATION_COUNT].tolist() == [1, 5]


def test_a_stance_or_a_report_alone_is_no_new_kind_of_commitment(tiny, tiny_frames):
    """At sea, Norway only advocates and the US record is a press report: once the report is taken as a
    pledge, "at sea" is new in Paris."""
    rows = Filters().rows(tiny, tiny_frames, all_meetings=True)
    confirmed = rows.pledge_types[F.PLEDGE] == "paris-usa-2"
    pledge_types = rows.pledge_types.copy()
    pledge_types.loc[confirmed, F.IS_PLEDGE] = True
    _, paris = meeting_changes(tiny, rows.delegations, rows.pledges, pledge_types)
    assert (
        "New kinds of commitment: Ceasefire monitoring and verification, Multinational force at sea, "
        "Multinational force on land"
    ) in paris.lines


def change(n: int) -> MeetingChange:
    return MeetingChange(f"m{n}", f"Meeting {n}", dt.date(2025, 1, 1) + dt.timedelta(days=n), "", "", (), False)


def test_meetings_are_listed_newest_first_page_by_page():
    changes = [change(n) for n in range(7)]  # oldest first, as meeting_changes gives them
    assert page_count(changes, 3) == 3 and page_count([], 3) == 1
    assert [c.meeting_id for c in newest_first_page(changes, 1, 3)] == ["m6", "m5", "m4"]
    assert [c.meeting_id for c in newest_first_page(changes, 3, 3)] == ["m0"]
    assert newest_first_page(changes, 9, 3) == newest_first_page(changes, 3, 3)  # clamped to the last page
    assert newest_first_page(changes, 0, 3) == newest_first_page(changes, 1, 3)


def test_a_meeting_reads_as_one_block_summary_first(tiny, tiny_frames):
    _, first = meeting_changes(tiny, tiny_frames.delegations, tiny_frames.pledges, tiny_frames.pledge_types)
    lines = first.text.split("\n")
    assert lines[0] == first.summary and lines[1:] == [f"• {line}" for line in first.lines]
