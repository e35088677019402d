"""Dates and headcounts as readers see them: a partial date ('June 2035'), a meeting's days ('24–25 June 2025'),
what sources reported or expected of its attendance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summit.schema import Meeting, ReportedCounts


def partial_date_text(text: str) -> str:
    """'2035' → '2035'; '2035-06' → 'June 2035'; '2035-06-30' → '30 June 2035'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return f"{day:%B %Y}" if len(parts) == 2 else f"{day:%-d %B %Y}"


def span_text(first: dt.date, last: dt.date | None = None, *, short: bool = False) -> str:
    """A meeting's days: '6 January 2026'; '24–25 June 2025'; '30 June – 1 July 2025'; '31 December 2025 – 1
    January 2026'. `short` abbreviates the months ('24–25 Jun 2025')."""
    month = "%b" if short else "%B"
    if last is None or last == first:
        return f"{first:%-d {month} %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%-d}–{last:%-d {month} %Y}"
    if first.year == last.year:
        return f"{first:%-d {month}} – {last:%-d {month} %Y}"
    return f"{first:%-d {month} %Y} – {last:%-d {month} %Y}"


def meeting_days(meeting: Meeting, *, short: bool = False) -> str:
    """The days a meeting was held, its end date included: '24–25 June 2025'."""
    return span_text(meeting.date, meeting.end_date, short=short)


def headcount_text(counts: ReportedCounts, *, say_missing: bool = True) -> str:
    """'40 states and 3 organisations', '40 states (organisations not reported)', '12 leaders': only what was
    reported, never a 0 for a count left out (`say_missing` False leaves the missing ones unsaid: expected
    counts)."""
    given = [
        f"{number:,} {word if number != 1 else word[:-1]}"
        for number, word in ((counts.states, "states"), (counts.organisations, "organisations"))
        if number is not None
    ]
    text = " and ".join(given)
    if counts.leaders is not None:
        text += f"{', with ' if text else ''}{counts.leaders:,} leader{'' if counts.leaders == 1 else 's'}"
    missing = [word for number, word in ((counts.states, "states"), (counts.organisations, "organisations"))
               if number is None]  # fmt: skip
    if missing and given and say_missing:
        text += f" ({' and '.join(missing)} not reported)"
    return text
