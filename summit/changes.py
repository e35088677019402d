"""What changed between two moments of the data, record by record, and what a meeting's pledges became.

Two moments are two days of one dataset (each seen as of its day, summit.history), two meetings (each seen
as of its last day), two dataset folders, or two versions of a folder in git (summit.versions). Each
record (pledge or stance) present at either moment gets one kind of change by CHANGE_RULE, applied by
`compare`; a participant takes the first kind of its records in MAP_ORDER (Changes page map).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from summit import frames as F
from summit import tables as T
from summit.dataset import Dataset, load_dataset
from summit.dates import partial_date_text
from summit.frames import Frames, participant_name, quantities_text
from summit.history import current, dataset_as_of, first_day, history_text
from summit.i18n import N_, Messages, _, current_language, format_day, format_short_day, ngettext
from summit.schema import Pledge, Step
from summit.timing import place
from summit.versions import VersionError, dataset_at
from summit.vocabulary import AT_MEETING, REPORT_STATUSES, STANCE_STATUSES, STATUS_LABELS, Status

if TYPE_CHECKING:
    from summit.filters import Filters


class ChangeKind(StrEnum):
    """What became of one record between two moments (CHANGE_RULE)."""

    ADDED = "added"
    UPGRADED = "upgraded"
    DOWNGRADED = "downgraded"
    WITHDRAWN = "withdrawn"
    REVISED = "revised"
    FOLLOWED_UP = "followed_up"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


CHANGE_LABELS = Messages(
    {
        ChangeKind.ADDED: N_("Added"),
        ChangeKind.UPGRADED: N_("Upgraded"),
        ChangeKind.DOWNGRADED: N_("Downgraded"),
        ChangeKind.WITHDRAWN: N_("Withdrawn"),
        ChangeKind.REVISED: N_("Revised or corrected"),
        ChangeKind.FOLLOWED_UP: N_("Followed up (status kept)"),
        ChangeKind.REMOVED: N_("Removed from the data"),
        ChangeKind.UNCHANGED: N_("Unchanged"),
    }
)
# How many records of a kind, in a summary ('35 added'): a count of its own, so each language can agree the
# word with the number.
_KIND_COUNTS: dict[ChangeKind, Callable[[int], str]] = {
    ChangeKind.ADDED: lambda n: ngettext("{n} added", "{n} added", n),
    ChangeKind.UPGRADED: lambda n: ngettext("{n} upgraded", "{n} upgraded", n),
    ChangeKind.DOWNGRADED: lambda n: ngettext("{n} downgraded", "{n} downgraded", n),
    ChangeKind.WITHDRAWN: lambda n: ngettext("{n} withdrawn", "{n} withdrawn", n),
    ChangeKind.REVISED: lambda n: ngettext("{n} revised or corrected", "{n} revised or corrected", n),
    ChangeKind.FOLLOWED_UP: lambda n: ngettext("{n} followed up (status kept)", "{n} followed up (status kept)", n),
    ChangeKind.REMOVED: lambda n: ngettext("{n} removed from the data", "{n} removed from the data", n),
    ChangeKind.UNCHANGED: lambda n: ngettext("{n} unchanged", "{n} unchanged", n),
}

# How far a record's status has gone, from refusing to delivering: a move up the ladder is an upgrade, a move
# down a downgrade. Positions, requests, demands, threats and exemptions are on no rung (a move between them,
# or onto or off the ladder, is a revision).
STATUS_RANK = {
    Status.RULED_OUT: 0,
    Status.CONDITIONAL_REFUSAL: 1,
    Status.REPORTED: 2,
    Status.CONSIDERING: 2,
    Status.CONDITIONAL_WILLINGNESS: 2,
    Status.ANNOUNCED: 3,
    Status.SIGNED: 4,
    Status.APPROVED: 5,
    Status.ONGOING: 6,
    Status.DELIVERED: 7,
}

CHANGE_RULE = N_(
    "Two moments of the data are compared record by record, each record as its latest step at that moment "
    "left it. A record only in the later one is added; only in the earlier one, removed from the data (a "
    "correction, or a record dated after the later moment). A record whose status became withdrawn is "
    "withdrawn. One whose status moved up the ladder ruled out → refuses unless conditions are met → under "
    "consideration, reported or willing → announced → signed → approved by parliament → ongoing → delivered "
    "is upgraded; down it, downgraded. A record whose only difference is a new step of its history that keeps its "
    "status (a parliament's debate, a delivery under way) is followed up. Any other difference (figures, words, "
    "types, conditions, sources, confidence, or a status off the ladder) is a revision or correction; a record "
    "with no difference is "
    "unchanged. A participant on the map takes the first kind, in the legend's order, of its records."
)

# Which kind colours a participant with several: the first of its records' kinds in this order.
MAP_ORDER = (
    ChangeKind.WITHDRAWN,
    ChangeKind.DOWNGRADED,
    ChangeKind.UPGRADED,
    ChangeKind.ADDED,
    ChangeKind.REVISED,
    ChangeKind.FOLLOWED_UP,
    ChangeKind.REMOVED,
    ChangeKind.UNCHANGED,
)
CHANGED_KINDS = frozenset(MAP_ORDER) - {ChangeKind.UNCHANGED}

# The fields of a record, in the words a change list uses; a field not named here is shown by its own name.
# Change.fields keeps these English words (the code tells changes apart by them); the detail translates them.
FIELD_WORDS = {
    "status": N_("status"),
    "quantities": N_("figures"),
    "description": N_("description"),
    "types": N_("commitment types"),
    "conditions": N_("conditions"),
    "condition_note": N_("condition note"),
    "sources": N_("sources"),
    "confidence": N_("confidence"),
    "disputed_claims": N_("disputed claims"),
    "history": N_("history"),
    "participant": N_("participant"),
    "joint_with": N_("joint participants"),
    "date": N_("date"),
}


@dataclass(frozen=True)
class Moment:
    """One side of a comparison: the data, and what readers call it ('6 January 2026', 'version 1a2b3c4')."""

    dataset: Dataset
    label: str


@dataclass(frozen=True)
class Change:
    """One record compared between two moments."""

    kind: ChangeKind
    record: str  # the record's id
    meeting: str  # its meeting's id (the later moment's, else the earlier's)
    participants: tuple[str, ...]  # its participant first, then any it is joint with
    name: str  # their names, as readers see them
    before: str  # the status label at the earlier moment, '' when added
    after: str  # the status label at the later moment, '' when removed
    fields: tuple[str, ...]  # FIELD_WORDS of what differs ('status', 'figures'), () when unchanged
    detail: str  # 'Announced → Approved by parliament; figures: £200 m → £270 m'
    when: str  # the date of the change as the data gives it ('25 February 2026'), '' when it has none
    sources: tuple[str, ...]  # source ids behind the change: the new steps', else the record's
    description: str  # the record's description (the later moment's, else the earlier's)


def compare(old: Dataset, new: Dataset) -> list[Change]:
    """Every record of either dataset with its kind of change (CHANGE_RULE), in the later dataset's order and
    then the removed ones in the earlier's."""
    before = _records(old)
    after = _records(new)
    changes = [_change(old, new, before.get(key), record, meeting) for key, (record, meeting) in after.items()]
    changes += [_change(old, new, pair, None, pair[1]) for key, pair in before.items() if key not in after]
    return changes


def _records(dataset: Dataset) -> dict[str, tuple[Pledge, str]]:
    return {p.id: (p, m.meeting.id) for m in dataset.meetings for p in m.pledges}


def _change(
    old: Dataset, new: Dataset, earlier: tuple[Pledge, str] | None, later: Pledge | None, meeting: str
) -> Change:
    was = current(earlier[0]) if earlier else None
    now = current(later) if later else None
    shown = now or was
    assert shown is not None
    data = new if now else old
    participants = (shown.participant, *shown.joint_with)
    name = _(" and ").join(participant_name(data, code) for code in participants)
    if was is None:
        kind, fields, detail = ChangeKind.ADDED, (), _status(now)
        when = partial_date_text(later.date) if later.date else ""
        sources = tuple(later.sources)
    elif now is None:
        detail = _("No longer in the data (was {status})").format(status=_status(was).lower())
        kind, fields = ChangeKind.REMOVED, ()
        when, sources = "", tuple(earlier[0].sources)
    else:
        fields = _differences(was, now, earlier[0], later)
        kind = _kind(was.status, now.status, fields)
        if kind == ChangeKind.REVISED and fields == ("history",):
            kind = ChangeKind.FOLLOWED_UP
        new_steps = [step for step in later.history if step not in earlier[0].history]
        detail = _detail(was, now, fields, new_steps)
        when = partial_date_text(_changed_on(new_steps, now.status).date) if new_steps else ""
        sources = tuple(dict.fromkeys(s for step in new_steps for s in step.sources)) or tuple(later.sources)
    return Change(
        kind=kind,
        record=shown.id,
        meeting=meeting,
        participants=participants,
        name=name,
        before=_status(was) if was else "",
        after=_status(now) if now else "",
        fields=fields,
        detail=detail,
        when=when,
        sources=sources,
        description=shown.description,
    )


def _differences(was: Pledge, now: Pledge, recorded_was: Pledge, recorded_now: Pledge) -> tuple[str, ...]:
    """What differs between the two records as shown, then in their histories, by FIELD_WORDS."""
    a, b = was.model_dump(exclude={"history"}), now.model_dump(exclude={"history"})
    names = [name for name in b if a.get(name) != b.get(name)]
    if recorded_was.history != recorded_now.history:
        names.append("history")
    return tuple(FIELD_WORDS.get(name, name.replace("_", " ")) for name in names)


def _kind(was: Status, now: Status, fields: tuple[str, ...]) -> ChangeKind:
    if not fields:
        return ChangeKind.UNCHANGED
    if was != now:
        if now == Status.WITHDRAWN:
            return ChangeKind.WITHDRAWN
        if was == Status.WITHDRAWN:
            return ChangeKind.UPGRADED  # taken up again
        if was in STATUS_RANK and now in STATUS_RANK and STATUS_RANK[was] != STATUS_RANK[now]:
            return ChangeKind.UPGRADED if STATUS_RANK[now] > STATUS_RANK[was] else ChangeKind.DOWNGRADED
    return ChangeKind.REVISED


def _detail(was: Pledge, now: Pledge, fields: tuple[str, ...], new_steps: list[Step]) -> str:
    """The change in words: the status and the figures before and after, the new steps of its history, then the
    other fields named."""
    parts = []
    if "status" in fields:
        parts.append(f"{_status(was)} → {_status(now)}")
    if "figures" in fields:
        parts.append(
            _("figures: {before} → {after}").format(
                before=quantities_text(was) or _("none"), after=quantities_text(now) or _("none")
            )
        )
    if new_steps and "status" not in fields:
        # A step that kept the status: what it says is the news ('Macron briefed the party leaders').
        steps = "; ".join(
            _("{date}: {note}").format(date=partial_date_text(s.date), note=s.note)
            if s.note
            else partial_date_text(s.date)
            for s in new_steps
        )
        kept = ngettext(
            "status kept as {status}; new step {steps}", "status kept as {status}; new steps {steps}", len(new_steps)
        )
        parts.append(kept.format(status=_status(now).lower(), steps=steps))
    shown = {"status", "figures"} | ({"history"} if new_steps else set())
    others = [_(f) for f in fields if f not in shown]
    if others:
        edited = _("{fields} edited").format(fields=", ".join(others))
        parts.append(edited.capitalize() if not parts else edited)
    return "; ".join(parts)


def _first_of_last_run(steps: list[Step], status: Status) -> Step | None:
    """The first of the last run of steps with this status (a later step that keeps the status does not move
    the day it was reached), or None when the last step has another."""
    reached = None
    for step in reversed(steps):
        if step.status != status:
            break
        reached = step
    return reached


def _changed_on(new_steps: list[Step], status: Status) -> Step:
    """The new step the change dates from: the one that reached the status now, else the latest new step."""
    return _first_of_last_run(new_steps, status) or new_steps[-1]


def _status(record: Pledge | Step) -> str:
    return _status_label(record.status)


# --- the two moments: days and meetings of one dataset ---------------------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CURRENT = "current"  # the command line's word for the data as it is


class MomentError(ValueError):
    """A moment that names no day, meeting, folder or version."""


def day_of(dataset: Dataset, token: str) -> tuple[dt.date, str]:
    """A moment of the dataset named by a day (YYYY-MM-DD) or a meeting id (its last day): its day and its
    label. Raises MomentError otherwise."""
    if _DAY.match(token):
        try:
            day = dt.date.fromisoformat(token)
        except ValueError as error:
            raise MomentError(f"{token!r} is not a day: {error}") from None
        return day, format_day(day)
    for meeting_file in dataset.meetings:
        meeting = meeting_file.meeting
        if meeting.id == token:
            return meeting.end_date or meeting.date, meeting.short_name
    raise MomentError(f"{token!r} is neither a day (YYYY-MM-DD) nor a meeting id of the dataset")


def previous_meeting_day(dataset: Dataset) -> dt.date | None:
    """The last day of the meeting before the latest one held: 'since the last meeting' by default."""
    held = [m.meeting for m in dataset.meetings if m.meeting.date <= dataset.info.as_of]
    if len(held) < 2:
        return None
    before = held[-2]
    return before.end_date or before.date


# --- tables ------------------------------------------------------------------------------------------

KIND = "kind"
KIND_LABEL = "kind_label"
RECORD = "record"
MEETING = "meeting"
PARTICIPANTS = "participants"
NAME = "name"
BEFORE = "before"
AFTER = "after"
FIELDS = "fields"
DETAIL = "detail"
WHEN = "when"
SOURCE_IDS = "source_ids"
SOURCE_URLS = "source_urls"
DESCRIPTION = "description"
CHANGE_COLUMNS = [KIND, KIND_LABEL, RECORD, MEETING, PARTICIPANTS, NAME, BEFORE, AFTER, FIELDS, DETAIL, WHEN]
CHANGE_COLUMNS += [SOURCE_IDS, SOURCE_URLS, DESCRIPTION]


def changes_frame(changes: Iterable[Change], *datasets: Dataset) -> pd.DataFrame:
    """One row per change, with its sources' URLs looked up in the datasets given (the later first)."""

    def url(source_id: str) -> str:
        found = next((d.sources[source_id] for d in datasets if source_id in d.sources), None)
        return found.url if found else ""

    rows = [
        {
            KIND: str(c.kind),
            KIND_LABEL: CHANGE_LABELS[c.kind],
            RECORD: c.record,
            MEETING: c.meeting,
            PARTICIPANTS: c.participants,
            NAME: c.name,
            BEFORE: c.before,
            AFTER: c.after,
            FIELDS: ", ".join(c.fields),
            DETAIL: c.detail,
            WHEN: c.when,
            SOURCE_IDS: tuple(c.sources),
            SOURCE_URLS: tuple(url(s) for s in c.sources),
            DESCRIPTION: c.description,
        }
        for c in changes
    ]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def counts(changes: Iterable[Change]) -> dict[ChangeKind, int]:
    """How many records of each kind, every kind listed (0 when none), in MAP_ORDER."""
    tally = dict.fromkeys(MAP_ORDER, 0)
    for change in changes:
        tally[change.kind] += 1
    return tally


def participant_kinds(changes: Iterable[Change]) -> dict[str, ChangeKind]:
    """Participant code → the first kind of its records in MAP_ORDER (each participant of a joint record)."""
    rank = {kind: i for i, kind in enumerate(MAP_ORDER)}
    kinds: dict[str, ChangeKind] = {}
    for change in changes:
        for code in change.participants:
            if code not in kinds or rank[change.kind] < rank[kinds[code]]:
                kinds[code] = change.kind
    return kinds


def changes_by_participant(changes: Iterable[Change]) -> dict[str, list[Change]]:
    """Participant code → its records that changed (CHANGED_KINDS), in the order given; one pass over the
    changes (each participant of a joint record), so that listing every participant stays linear."""
    by_code: dict[str, list[Change]] = {}
    for change in changes:
        if change.kind in CHANGED_KINDS:
            for code in change.participants:
                by_code.setdefault(code, []).append(change)
    return by_code


# Columns of the change list as readers see it: the Changes page, the CSV of `python -m summit diff` and the
# Excel export's change sheet. The participant, meeting, description, source and key columns are the tables'.
COL_CHANGE = N_("Change")
COL_BEFORE = N_("Before")
COL_AFTER = N_("After")
COL_DETAIL = N_("What changed")
COL_WHEN = N_("When")
CHANGE_TABLE_COLUMNS = [
    COL_CHANGE, T.COL_PARTICIPANT, COL_BEFORE, COL_AFTER, COL_DETAIL, COL_WHEN, T.COL_MEETING, T.COL_DESCRIPTION,
    T.COL_SOURCE, T.COL_SOURCES, T.COL_CODE, T.COL_ID,
]  # fmt: skip


def change_table(frame: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The change list in readers' words, one row per record: the meeting by name, the first source's address
    (Source) and every one (All sources, one per line), the participant's code and the record's id."""
    meetings = {m.meeting.id: m.meeting.short_name for m in dataset.meetings}
    return pd.DataFrame(
        {
            COL_CHANGE: frame[KIND_LABEL],
            T.COL_PARTICIPANT: frame[NAME],
            COL_BEFORE: frame[BEFORE],
            COL_AFTER: frame[AFTER],
            COL_DETAIL: frame[DETAIL],
            COL_WHEN: frame[WHEN],
            T.COL_MEETING: [meetings.get(m, m) for m in frame[MEETING]],
            T.COL_DESCRIPTION: frame[DESCRIPTION],
            T.COL_SOURCE: [next((u for u in urls if u), "") for urls in frame[SOURCE_URLS]],
            T.COL_SOURCES: ["\n".join(u for u in urls if u) for urls in frame[SOURCE_URLS]],
            T.COL_CODE: [codes[0] for codes in frame[PARTICIPANTS]],
            T.COL_ID: frame[RECORD],
        },
        columns=CHANGE_TABLE_COLUMNS,
    )


def summary_text(changes: list[Change], before: str, after: str) -> str:
    """'From 5 January 2026 to 28 February 2026: 36 records changed (35 added, 1 upgraded); 40 unchanged.'"""
    tally = counts(changes)
    changed = sum(n for kind, n in tally.items() if kind in CHANGED_KINDS)
    parts = [_KIND_COUNTS[kind](n).format(n=n) for kind, n in tally.items() if kind in CHANGED_KINDS and n]
    changed_text = ngettext("{n} record changed", "{n} records changed", changed).format(n=changed)
    if parts:
        changed_text = _("{changed} ({kinds})").format(changed=changed_text, kinds=", ".join(parts))
    unchanged = tally[ChangeKind.UNCHANGED]
    return _("From {before} to {after}: {changed}; {unchanged}.").format(
        before=before,
        after=after,
        changed=changed_text,
        unchanged=_KIND_COUNTS[ChangeKind.UNCHANGED](unchanged).format(n=unchanged),
    )


def resolve_moment(token: str, folder: Path, now: Dataset) -> Moment:
    """A moment named on the command line: 'current' (the data as it is), a day (YYYY-MM-DD) or a meeting id
    of the data (as it stood then), another dataset folder, or a git revision of the data's folder.

    Raises MomentError, with the reason, when it is none of them or cannot be read."""
    if token == CURRENT:
        return Moment(now, f"the data as it is ({now.info.as_of:%-d %B %Y})")
    path = Path(token).expanduser()
    if path.is_dir():
        result = load_dataset(path.resolve())
        if result.dataset is None:
            first = result.problems[0] if result.problems else "not a dataset"
            raise MomentError(f"{token}: {len(result.problems)} problem(s) in the data; the first: {first}")
        return Moment(result.dataset, f"the folder {token}")
    try:
        day, label = day_of(now, token)
    except MomentError:
        pass
    else:
        return Moment(dataset_as_of(now, day), label)
    try:
        return Moment(dataset_at(folder, token), f"version {token}")
    except VersionError as error:
        raise MomentError(
            f"{token!r} is not 'current', a day (YYYY-MM-DD), a meeting id, a dataset folder or a version: {error}"
        ) from None


# --- follow-through: what a meeting's pledges became ---------------------------------------------------

FOLLOW_THROUGH_RULE = N_(
    "Follow-through counts the pledges made or restated at a meeting (not stances or third-party reports) by "
    "the status their latest step gives them as of the view's day, with the date of that step; a pledge with "
    "no later step is counted as made. A withdrawn pledge is counted as withdrawn, never as a pledge that "
    "stands."
)
# The statuses follow-through reports, in the ladder's order, then withdrawn.
FOLLOW_THROUGH_ORDER = (
    Status.CONSIDERING,
    Status.ANNOUNCED,
    Status.SIGNED,
    Status.APPROVED,
    Status.ONGOING,
    Status.DELIVERED,
    Status.WITHDRAWN,
)
COL_AS_MADE = N_("As made")
COL_NOW = N_("Now")
COL_SINCE = N_("Since")
COL_PLEDGE_COUNT = N_("Pledges")
COL_STATUS_NOW = N_("Status now")
COL_DATES = N_("Dates of the steps")
# Besides the columns shown: the status now (a Status) and the day of the latest step (a date, or None).
STATUS_NOW, SINCE_DAY = "status_now", "since_day"
FOLLOW_THROUGH_COLUMNS = [
    T.COL_PARTICIPANT, T.COL_DESCRIPTION, COL_AS_MADE, COL_NOW, COL_SINCE, T.COL_HISTORY, T.COL_SOURCE, T.COL_CODE,
    T.COL_ID,
]  # fmt: skip


def follow_through(dataset: Dataset, meeting_id: str) -> pd.DataFrame:
    """One row per pledge made or restated at the meeting: its status as made, as its latest step (as of the
    data's day) left it, and since when (FOLLOW_THROUGH_RULE)."""
    meeting_file = next((m for m in dataset.meetings if m.meeting.id == meeting_id), None)
    rows = []
    if meeting_file is not None:
        meeting = meeting_file.meeting
        for pledge in meeting_file.pledges:
            if pledge.status in STANCE_STATUSES | REPORT_STATUSES:
                continue
            if place(pledge.date, pledge.timing, meeting.date, meeting.end_date or meeting.date) not in AT_MEETING:
                continue
            now = current(pledge)
            last = _reached(pledge)
            rows.append(
                {
                    T.COL_PARTICIPANT: _(" and ").join(
                        participant_name(dataset, c) for c in (pledge.participant, *pledge.joint_with)
                    ),
                    T.COL_DESCRIPTION: pledge.description,
                    COL_AS_MADE: _status(pledge),
                    COL_NOW: _status(now),
                    COL_SINCE: partial_date_text(last.date) if last else "",
                    T.COL_HISTORY: history_text(pledge),
                    T.COL_SOURCE: dataset.sources[(last or pledge).sources[0]].url,
                    T.COL_CODE: pledge.participant,
                    T.COL_ID: pledge.id,
                    STATUS_NOW: now.status,
                    SINCE_DAY: first_day(last.date) if last else None,
                }
            )
    frame = pd.DataFrame(rows, columns=[*FOLLOW_THROUGH_COLUMNS, STATUS_NOW, SINCE_DAY])
    # The pledges that moved first, latest step first; then the others in the meeting's order.
    moved = frame[SINCE_DAY].notna()
    return pd.concat([frame[moved].sort_values(SINCE_DAY, ascending=False), frame[~moved]], ignore_index=True)


def _reached(pledge: Pledge) -> Step | None:
    """The step from which the pledge has had its status now, or None when it has had it since it was made."""
    reached = _first_of_last_run(pledge.history, current(pledge).status)
    return None if reached is not None and reached is pledge.history[0] and pledge.status == reached.status else reached


def follow_through_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Pledges per status now, in FOLLOW_THROUGH_ORDER (every status listed), with the dates of the steps that
    brought them there ('' when none: as made)."""
    rows = []
    for status in FOLLOW_THROUGH_ORDER:
        of = frame[frame[STATUS_NOW] == status]
        days = sorted(d for d in of[SINCE_DAY] if d is not None)
        if not days:
            dates = ""
        elif days[-1] == days[0]:
            dates = format_short_day(days[0])
        else:
            dates = _("{start} to {end}").format(start=format_short_day(days[0]), end=format_short_day(days[-1]))
        rows.append({COL_STATUS_NOW: _status_label(status), COL_PLEDGE_COUNT: len(of), COL_DATES: dates})
    return pd.DataFrame(rows, columns=[COL_STATUS_NOW, COL_PLEDGE_COUNT, COL_DATES])


def _status_label(status: Status) -> str:
    return STATUS_LABELS[status].split(" (")[0]


def filter_changes(
    changes: list[Change], filters: Filters, before: tuple[Dataset, Frames], after: tuple[Dataset, Frames]
):
    """The changes of the records the shared filters keep, at every meeting and whatever their timing (a change
    is a change, made at a meeting or after it): a record still in the data as the later moment has it, a
    removed one as the earlier moment had it."""
    from summit.filters import SCOPE, SCOPE_OPTIONS  # the filters' module counts by the overview's rules

    wide = replace(filters, **{SCOPE: tuple(SCOPE_OPTIONS)})
    kept_now = set(wide.rows(*after, all_meetings=True).pledges[F.PLEDGE])
    removed = [c for c in changes if c.kind == ChangeKind.REMOVED]
    kept_then = set(wide.rows(*before, all_meetings=True).pledges[F.PLEDGE]) if removed else set()
    return [c for c in changes if c.record in (kept_then if c.kind == ChangeKind.REMOVED else kept_now)]


def since_day(filters: Filters, dataset: Dataset) -> dt.date | None:
    """The day changes are listed since: the shared filter's, else the last day of the meeting before the latest
    one held (None when the data holds one meeting, or the day is after the data's as-of day)."""
    day = getattr(filters, "since", None) or previous_meeting_day(dataset)
    return day if day is not None and day <= dataset.info.as_of else None


@dataclass(frozen=True)
class SinceChanges:
    """The changes since a day, to the data's as-of day, that the shared filters keep."""

    day: dt.date
    changes: list[Change]  # changed records only, in MAP_ORDER of their kinds, then the data's order
    old: Dataset

    @property
    def label(self) -> str:
        return format_day(self.day)


# The earlier moment of a comparison, remembered per (version of the data, day, language): the slide, the Excel
# sheet and the Changes page compare with the same day on every rerun, and building its frames is most of the work
# (2.9 s per briefing rerun at ×100 before). A data edit changes the fingerprint; the oldest entries go.
MAX_REMEMBERED = 8
_remembered: OrderedDict[tuple[str, ...], object] = OrderedDict()
_remembered_lock = threading.Lock()
T_ = TypeVar("T_")


def _remember(key: tuple[str, ...], make: Callable[[], T_]) -> T_:
    """make(), once per key while it is among the last MAX_REMEMBERED; a dataset without a fingerprint (built
    in memory) is never remembered."""
    if not key[0]:
        return make()
    with _remembered_lock:
        if key in _remembered:
            _remembered.move_to_end(key)
            return _remembered[key]  # type: ignore[return-value]
    value = make()
    with _remembered_lock:
        _remembered[key] = value
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
    return value


def frames_of(dataset: Dataset) -> Frames:
    """The dataset's frames, remembered per version of the data and language (frames hold labels in words)."""
    from summit.frames import build_frames

    return _remember((dataset.fingerprint, "frames", current_language()), lambda: build_frames(dataset))


def earlier_moment(dataset: Dataset, day: dt.date) -> tuple[list[Change], Dataset, Frames]:
    """Every record compared between the end of `day` and the dataset (no filter applied), with the data as it
    stood then and its frames: remembered per (version of the data, day, language: changes hold words)."""

    def make() -> tuple[list[Change], Dataset, Frames]:
        old = dataset_as_of(dataset, day)
        return compare(old, dataset), old, frames_of(old)

    return _remember((dataset.fingerprint, day.isoformat(), current_language()), make)


def changes_since(dataset: Dataset, frames: Frames | None, filters: Filters) -> SinceChanges | None:
    """What changed since `since_day`, for the slide and the Excel sheet; frames None: the dataset's own."""
    day = since_day(filters, dataset)
    if day is None:
        return None
    changes, old, old_frames = earlier_moment(dataset, day)
    now = (dataset, frames if frames is not None else frames_of(dataset))
    kept = filter_changes(changes, filters, (old, old_frames), now)
    rank = {kind: i for i, kind in enumerate(MAP_ORDER)}
    changed = sorted((c for c in kept if c.kind in CHANGED_KINDS), key=lambda c: rank[c.kind])
    return SinceChanges(day, changed, old)


def change_line(change: Change) -> str:
    """'Upgraded — European Union: An interest-free €90bn loan … (Announced → Approved by parliament,
    11 February 2026)': what the record is, then how it changed and when."""
    how = change.detail
    if change.when and change.when not in change.detail:
        how = _("{detail}, {when}").format(detail=change.detail, when=change.when)
    return _("{change} — {name}: {description} ({how})").format(
        change=CHANGE_LABELS[change.kind], name=change.name, description=change.description, how=how
    )
