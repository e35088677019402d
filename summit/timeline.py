"""What changed from one meeting to the next: attendance, documents and pledges."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.dates import headcount_text, meeting_days
from summit.frames import participant_name
from summit.i18n import _, collation_key


@dataclass(frozen=True)
class MeetingChange:
    """One meeting and what it changed compared with the meetings before it."""

    meeting_id: str
    name: str
    date: dt.date
    days: str  # its days as readers see them, the end date included ('24–25 Jun 2025')
    summary: str
    lines: tuple[str, ...]
    is_latest: bool

    @property
    def text(self) -> str:
        """The summary and a bulleted line per change, as one block of text."""
        return "\n".join([self.summary, *(f"• {line}" for line in self.lines)] if self.summary else self.lines)


# Meetings listed per page under the timeline chart: the bundled data fits on one page; a large dataset
# is listed page by page (one list element per meeting costs Streamlit time and bytes on every rerun).
MEETINGS_PER_PAGE = 30


def newest_first_page(
    changes: list[MeetingChange], page: int, per_page: int = MEETINGS_PER_PAGE
) -> list[MeetingChange]:
    """Page `page` (1-based, clamped) of the meetings, newest first."""
    newest_first = changes[::-1]
    page = min(max(page, 1), page_count(changes, per_page))
    return newest_first[(page - 1) * per_page : page * per_page]


def page_count(changes: list[MeetingChange], per_page: int = MEETINGS_PER_PAGE) -> int:
    """Pages needed to list every meeting (at least 1)."""
    return max(1, math.ceil(len(changes) / per_page))


def _names(dataset: Dataset, codes: set[str]) -> str:
    return ", ".join(sorted((participant_name(dataset, c) for c in codes), key=collation_key))


def timeline_meetings(meetings: pd.DataFrame, delegations: pd.DataFrame, pledges: pd.DataFrame) -> pd.DataFrame:
    """The meetings frame with delegation and pledge counts taken from the (filtered) rows given."""
    return meetings.assign(
        **{
            F.DELEGATION_COUNT: meetings[F.MEETING].map(delegations[F.MEETING].value_counts()).fillna(0).astype(int),
            F.PLEDGE_COUNT: meetings[F.MEETING].map(pledges[F.MEETING].value_counts()).fillna(0).astype(int),
        }
    )


def meeting_changes(
    dataset: Dataset, delegations: pd.DataFrame, pledges: pd.DataFrame, pledge_types: pd.DataFrame
) -> list[MeetingChange]:
    """Oldest first; each meeting lists who attended, who was new, documents and pledges (of the rows given)."""
    seen_participants: set[str] = set()
    seen_types: set[str] = set()
    # One pass over each frame instead of one boolean mask per meeting.
    attendees_by_meeting = delegations.groupby(F.MEETING)[F.PARTICIPANT].agg(set).to_dict()
    leaders_by_meeting = delegations.groupby(F.MEETING)[[F.IS_LEADER, F.IS_LEADER_CONFIRMED]].sum().to_dict("index")
    pledge_counts = pledges.groupby(F.MEETING)[[F.IS_PLEDGE, F.IS_STANCE, F.IS_REPORTED]].sum().to_dict("index")
    pledged_types = pledge_types[pledge_types[F.IS_PLEDGE]].groupby(F.MEETING)[F.TYPE].agg(set).to_dict()
    changes = []
    for index, meeting_file in enumerate(dataset.meetings):
        meeting = meeting_file.meeting
        attendees = attendees_by_meeting.get(meeting.id, set())
        lines = []
        if meeting.outcome:
            lines.append(_("Outcome: {outcome}").format(outcome=meeting.outcome))
        if attendees:
            led = leaders_by_meeting[meeting.id]
            leaders = int(led[F.IS_LEADER_CONFIRMED])
            unconfirmed = int(led[F.IS_LEADER]) - leaders
            if unconfirmed:
                identified = _(
                    "Delegations identified: {count} ({leaders} led by a head of state or government on record as "
                    "present, {unconfirmed} more unconfirmed)"
                )
            else:
                identified = _(
                    "Delegations identified: {count} ({leaders} led by a head of state or government on record as "
                    "present)"
                )
            lines.append(identified.format(count=len(attendees), leaders=leaders, unconfirmed=unconfirmed))
            new = attendees - seen_participants
            if seen_participants and new:
                # Earlier meetings may list only some delegations: no record there is not an absence.
                lines.append(_("Not recorded at an earlier meeting: {names}").format(names=_names(dataset, new)))
        elif meeting.reported_counts:
            lines.append(
                _("Reported attendance: {counts} (delegations not itemised)").format(
                    counts=headcount_text(meeting.reported_counts)
                )
            )
        if meeting.expected_counts:
            expected = headcount_text(meeting.expected_counts, say_missing=False)
            lines.append(_("Expected before the meeting: {counts}").format(counts=expected))
        for document in meeting.documents:
            lines.append(_("Document adopted: {title}").format(title=document.title))
        counts = pledge_counts.get(meeting.id)
        if counts:
            reports = int(counts[F.IS_REPORTED])
            recorded = (
                _("Pledges recorded: {pledges}; stances: {stances}; reported, not confirmed: {reports}")
                if reports
                else _("Pledges recorded: {pledges}; stances: {stances}")
            )
            lines.append(
                recorded.format(pledges=int(counts[F.IS_PLEDGE]), stances=int(counts[F.IS_STANCE]), reports=reports)
            )
            types = pledged_types.get(meeting.id, set())
            new_types = types - seen_types
            if seen_types and new_types:
                labels = sorted(dataset.commitment_types[t].label for t in new_types)
                lines.append(_("New kinds of commitment: {types}").format(types=", ".join(labels)))
            seen_types |= types
        seen_participants |= attendees
        changes.append(
            MeetingChange(
                meeting.id,
                meeting.name,
                meeting.date,
                meeting_days(meeting, short=True),
                meeting.summary,
                tuple(lines),
                index == len(dataset.meetings) - 1,
            )
        )
    return changes
