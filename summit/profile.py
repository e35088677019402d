"""One participant's profile: attendance across meetings, every pledge with sources, group memberships."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit import tables as T
from summit.dataset import Dataset
from summit.frames import Frames, participant_name


@dataclass(frozen=True)
class Profile:
    """Everything the profile page shows about one participant."""

    code: str
    name: str
    groups: list[str]
    attendance: pd.DataFrame
    pledges: pd.DataFrame
    membership_sources: list[str]


def build_profile(dataset: Dataset, frames: Frames, code: str) -> Profile:
    """The profile of a state or organisation, across every meeting of the dataset."""
    delegations = frames.delegations[frames.delegations[F.PARTICIPANT] == code].sort_values(F.MEETING_DATE)
    attendance = pd.DataFrame(
        {
            T.COL_MEETING: delegations[F.MEETING_NAME],
            T.COL_HEAD: delegations[F.HEADS],
            T.COL_LEVEL: delegations[F.LEVEL_LABEL],
            T.COL_ATTENDANCE: delegations[F.ATTENDANCE_LABEL],
            T.COL_CONFIDENCE: delegations[F.CONFIDENCE_LABEL],
            T.COL_SOURCE: [urls[0] if urls else "" for urls in delegations[F.SOURCE_URLS]],
            T.COL_SOURCES: delegations[F.SOURCE_TEXT],
            T.COL_NOTE: delegations[F.NOTE],
        }
    )
    pledges = T.pledges_table(dataset, frames.pledges[frames.pledges[F.PARTICIPANT] == code])
    groups = [g for g in dataset.groups.values() if code in g.members]
    membership_sources = [
        f"{g.short_name}: membership as of {g.as_of:%-d %b %Y}, source: "
        + "; ".join(dataset.sources[s].publisher for s in g.sources)
        for g in groups
    ]
    return Profile(
        code=code,
        name=participant_name(dataset, code),
        groups=[g.name for g in groups],
        attendance=attendance.reset_index(drop=True),
        # Meeting first: the list spans every meeting.
        pledges=pledges.drop(columns=[T.COL_PARTICIPANT])[
            [T.COL_MEETING, *(c for c in pledges.columns if c not in (T.COL_PARTICIPANT, T.COL_MEETING))]
        ],
        membership_sources=membership_sources,
    )
