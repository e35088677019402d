"""Where a record stands against the meeting it is recorded under: made or restated at it, earlier, or later.

A meeting's figures, map and matrix count what was made or restated at it (vocabulary.AT_MEETING); the
scope filter (summit.filters, URL key `scope`) brings in earlier and later records. The rule is TIMING_RULE,
applied by `place`; the data decides every case the date alone cannot.
"""

from __future__ import annotations

import calendar
import datetime as dt

from summit.i18n import N_
from summit.vocabulary import Timing

TIMING_RULE = N_(
    "A record's time scope is what its `timing` says, when the data gives one: `restated` when the sources show "
    "an earlier pledge or stance repeated at the meeting, `made` for what was said at the meeting and published "
    "after it. Otherwise its date decides: before the meeting's first day, earlier (carried over); after its "
    "last day, later (follow-up); on a day of the meeting, made at it. A record with no date is placed at the "
    "meeting it is recorded under. A date given only as a month or a year that takes in a day of the meeting "
    "is not placed by guess: the validator asks for `timing`."
)


def date_span(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a date given as YYYY-MM-DD, YYYY-MM or YYYY."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def by_date(date: str | None, first: dt.date, last: dt.date) -> Timing | None:
    """What the date alone says; None when it takes in a day of the meeting without being one of its days."""
    if date is None:
        return Timing.MADE
    start, end = date_span(date)
    if end < first:
        return Timing.EARLIER
    if start > last:
        return Timing.LATER
    if first <= start and end <= last:
        return Timing.MADE
    return None


def place(date: str | None, timing: Timing | None, first: dt.date, last: dt.date) -> Timing:
    """The record's time scope by TIMING_RULE. A record the rule cannot place (the validator reports it) is
    shown as made at the meeting rather than dropped, so that no record silently disappears."""
    if timing is not None:
        return timing
    return by_date(date, first, last) or Timing.MADE


def timing_problem(date: str | None, timing: Timing | None, first: dt.date, last: dt.date) -> str | None:
    """Why the record's date and timing cannot stand together, in words for the validator; None when they can."""
    placed = None if date is None else by_date(date, first, last)
    if timing is None:
        if date is not None and placed is None:
            return (
                f"date {date} takes in the meeting's day{'s' if first != last else ''} but is not one of them: "
                "say when the record was made with timing (made, restated, earlier or later)"
            )
        return None
    contradicts = {
        Timing.EARLIER: {Timing.MADE, Timing.LATER},
        Timing.RESTATED: {Timing.LATER},
        Timing.LATER: {Timing.EARLIER, Timing.MADE},
        Timing.MADE: {Timing.EARLIER},
    }[timing]
    if placed not in contradicts:
        return None
    when = "a day of the meeting" if placed == Timing.MADE else f"{placed.value} than the meeting"
    return f"timing {timing} contradicts date {date}, {when}"
