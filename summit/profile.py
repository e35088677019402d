"""One participant's profile: attendance across meetings, every pledge with sources, group memberships."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit import tables as T
from summit.dataset import Dataset
from summit.frames import Frames, participant_name
from summit.i18n import N_, _, format_short_day
from summit.vocabulary import SOURCE_KIND_LABELS


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
            T.COL_ROLE: delegations[F.ROLE_LABEL],
            T.COL_ACCOMPANIED: delegations[F.ACCOMPANIED_BY],
            T.COL_CONFIDENCE: delegations[F.CONFIDENCE_LABEL],
            T.COL_SOURCE: [urls[0] if urls else "" for urls in delegations[F.SOURCE_URLS]],
            T.COL_SOURCES: delegations[F.SOURCE_TEXT],
            T.COL_NOTE: delegations[F.NOTE],
        }
    )
    # Its own records and the joint ones it is part of (F.JOINT_RULE).
    own = [code in codes for codes in frames.pledges[F.PARTICIPANTS]]
    pledges = T.pledges_table(dataset, frames.pledges[own], short_labels=True)
    groups = [g for g in dataset.groups.values() if code in g.members]
    membership_sources = [
        _("{group}: membership as of {day}, source: {sources}").format(
            group=g.short_name,
            day=format_short_day(g.as_of),
            sources="; ".join(dataset.sources[s].publisher for s in g.sources),
        )
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


# The detail's one label that is not a table column (the labels are marked messages, translated as shown).
COL_DISPUTED_CLAIMS = N_("Disputed claims")


@dataclass(frozen=True)
class SourceLine:
    """One source of a record, as its detail lists it."""

    text: str  # 'Élysée — Joint declaration (2026-01-06), official'
    url: str


@dataclass(frozen=True)
class RecordDetail:
    """The whole of one pledge or stance, as its row's detail shows it: every field in words, then its sources."""

    pledge: str
    participant: str  # code, to open the profile
    title: str  # 'Germany — Multinational force: land'
    fields: tuple[tuple[str, str], ...]  # (label in the current language, text), only the fields the record has
    sources: tuple[SourceLine, ...]


def record_detail(dataset: Dataset, frames: Frames, pledge_id: str) -> RecordDetail | None:
    """The detail of a record by id (None when the data no longer has it)."""
    rows = frames.pledges[frames.pledges[F.PLEDGE] == pledge_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    table = T.pledges_table(dataset, rows).iloc[0]
    pledge = next(p for m in dataset.meetings for p in m.pledges if p.id == pledge_id)
    claims = "; ".join(f"“{c.claim}” ({', '.join(dataset.sources[s].publisher for s in c.sources)})"
                       for c in pledge.disputed_claims)  # fmt: skip
    fields = [
        (T.COL_STATUS, table[T.COL_STATUS]),
        (T.COL_CONDITIONS, table[T.COL_CONDITIONS]),
        (T.COL_QUANTITIES, table[T.COL_QUANTITIES]),
        (T.COL_DESCRIPTION, table[T.COL_DESCRIPTION]),
        (T.COL_NOTE, row[F.NOTE]),
        (T.COL_DOMAINS, table[T.COL_DOMAINS]),
        (T.COL_DEPLOYMENT, table[T.COL_DEPLOYMENT]),
        (T.COL_LEAD, table[T.COL_LEAD]),
        (T.COL_SAID_BY, table[T.COL_SAID_BY]),
        (T.COL_ABOUT, table[T.COL_ABOUT]),
        (T.COL_HISTORY, table[T.COL_HISTORY]),
        (T.COL_MEETING, table[T.COL_MEETING]),
        (T.COL_DATE, " — ".join(x for x in (table[T.COL_DATE], table[T.COL_TIMING]) if x)),
        (T.COL_CONFIDENCE, table[T.COL_CONFIDENCE]),
        (COL_DISPUTED_CLAIMS, claims),
    ]
    sources = tuple(
        SourceLine(
            " — ".join(x for x in (s.publisher, s.title) if x)
            + (f" ({s.published})" if s.published else "")
            + f", {SOURCE_KIND_LABELS[s.source_kind].lower()}",
            s.url,
        )
        for s in (dataset.sources[i] for i in row[F.SOURCE_IDS])
    )
    return RecordDetail(
        pledge=pledge_id,
        participant=row[F.PARTICIPANT],
        title=f"{row[F.NAME]} — {row[F.TYPE_LABELS]}",
        fields=tuple((_(label), str(text)) for label, text in fields if text),
        sources=sources,
    )
