"""Change over time: a pledge's history of steps, and the dataset as it stood on a day ("as of").

A record is made with a status and figures (its `date`); each step of its `history` changes them from the
step's date on. A view as of a day shows every record as its last step on or before that day left it, and
leaves out what is dated after it. HISTORY_RULE says so in words (Sources & method page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from summit.dataset import Dataset
from summit.dates import partial_date_text
from summit.i18n import N_, _, format_day
from summit.schema import MeetingFile, Pledge
from summit.vocabulary import CONFIDENCE_LABELS, STATUS_LABELS, Confidence

HISTORY_RULE = N_(
    "A record keeps the status and figures it was made with until a step of its history (approved by "
    "parliament, delivered, withdrawn, each with its date and sources) changes them. Seen as of a day, every "
    "record is shown as its last step on or before that day left it; meetings, records and steps dated after "
    "that day are left out. A date known only to the month or the year counts as its first day; a record with "
    "no date counts from its meeting's first day."
)


def first_day(text: str) -> dt.date:
    """The first day of a partial date: '2026-01' → 1 January 2026."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(*[*parts, 1, 1][:3])


def pledge_as_of(pledge: Pledge, meeting_date: dt.date, day: dt.date) -> Pledge | None:
    """The pledge as it stood on `day`, or None when it was made after it."""
    made = first_day(pledge.date) if pledge.date else meeting_date
    if made > day:
        return None
    steps = [step for step in pledge.history if first_day(step.date) <= day]
    return pledge if len(steps) == len(pledge.history) else pledge.model_copy(update={"history": steps})


def current(pledge: Pledge) -> Pledge:
    """The pledge with its latest step's status and figures as its own (what every view shows)."""
    if not pledge.history:
        return pledge
    update: dict = {"status": pledge.history[-1].status}
    step = next((s for s in reversed(pledge.history) if s.quantities is not None), None)
    if step is not None:
        # A step's figures are as sure as the step, unless they say otherwise.
        update["quantities"] = [
            q
            if q.confidence or q.sources
            else q.model_copy(
                update={"confidence": step.confidence, "sources": step.sources, "disputed_claims": step.disputed_claims}
            )
            for q in step.quantities or ()
        ]
    return pledge.model_copy(update=update)


def dataset_as_of(dataset: Dataset, day: dt.date) -> Dataset:
    """The dataset as it stood on `day`: later meetings, records and steps left out (HISTORY_RULE). The same
    dataset when nothing is later; its as_of becomes `day`."""
    if day >= dataset.info.as_of:
        return dataset
    meetings = []
    for meeting_file in dataset.meetings:
        meeting = meeting_file.meeting
        if meeting.date > day:
            continue
        kept = [p for p in (pledge_as_of(p, meeting.date, day) for p in meeting_file.pledges) if p is not None]
        meetings.append(MeetingFile(meeting=meeting, delegations=meeting_file.delegations, pledges=kept))
    held = {m.meeting.id for m in meetings}
    featured = dataset.info.featured_meeting
    if meetings and (featured not in held if featured else dataset.default_meeting_id() not in held):
        featured = meetings[-1].meeting.id  # the featured meeting was not held yet: the latest one held by then
    info = dataset.info.model_copy(update={"as_of": day, "featured_meeting": featured})
    return replace(dataset, info=info, meetings=tuple(meetings), fingerprint=f"{dataset.fingerprint}@{day}")


def as_of_banner(day: dt.date, data_as_of: dt.date) -> str:
    """The banner of a view as of an earlier day."""
    return _(
        "As of {day}: the data as it stood that day. Later meetings, records and steps are left out, "
        "and statuses are as they were then (the data runs to {data_day})."
    ).format(day=format_day(day), data_day=format_day(data_as_of))


def history_text(pledge: Pledge) -> str:
    """'Announced (6 January 2026) → Approved by parliament (20 February 2026)', or '' with no history."""
    if not pledge.history:
        return ""
    start = _status(pledge.status)
    if pledge.date:
        start = _("{status} ({date})").format(status=start, date=partial_date_text(pledge.date))
    steps = [
        _("{status} ({date})").format(status=_status(s.status), date=partial_date_text(s.date))
        if s.confidence == Confidence.CONFIRMED
        else _("{status} ({date}; {confidence})").format(
            status=_status(s.status), date=partial_date_text(s.date), confidence=CONFIDENCE_LABELS[s.confidence].lower()
        )
        for s in pledge.history
    ]
    return " → ".join([start, *steps])


def _status(status) -> str:
    return STATUS_LABELS[status].split(" (")[0]
