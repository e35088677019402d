"""Dates and headcounts as readers see them: a partial date ('June 2035'), a meeting's days ('24–25 June 2025'),
what sources reported or expected of its attendance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date

from summit.i18n import (
    DEFAULT_LANGUAGE,
    LOCALES,
    _,
    current_language,
    format_day,
    format_month,
    format_number,
    format_short_day,
    ngettext,
)

if TYPE_CHECKING:
    from summit.schema import Meeting, ReportedCounts


def partial_date_text(text: str) -> str:
    """'2035' → '2035'; '2035-06' → 'June 2035'; '2035-06-30' → '30 June 2035'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return format_month(day) if len(parts) == 2 else format_day(day)


def _day_and_month(day: dt.date, *, short: bool) -> str:
    """'30 June' ('30 Jun' short), without the year, in the current language ('30 juin', '30 червня')."""
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        return f"{day:%-d %b}" if short else f"{day:%-d %B}"
    return format_date(day, "d MMM" if short else "d MMMM", locale=Locale.parse(LOCALES[lang]))


def span_text(first: dt.date, last: dt.date | None = None, *, short: bool = False) -> str:
    """A meeting's days: '6 January 2026'; '24–25 June 2025'; '30 June – 1 July 2025'; '31 December 2025 – 1
    January 2026'. `short` abbreviates the months ('24–25 Jun 2025')."""
    full = format_short_day if short else format_day
    if last is None or last == first:
        return full(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{full(last)}"
    if first.year == last.year:
        return f"{_day_and_month(first, short=short)} – {full(last)}"
    return f"{full(first)} – {full(last)}"


def meeting_days(meeting: Meeting, *, short: bool = False) -> str:
    """The days a meeting was held, its end date included: '24–25 June 2025'."""
    return span_text(meeting.date, meeting.end_date, short=short)


def _states(count: int) -> str:
    return ngettext("{count} state", "{count} states", count).format(count=format_number(count))


def _organisations(count: int) -> str:
    return ngettext("{count} organisation", "{count} organisations", count).format(count=format_number(count))


def headcount_text(counts: ReportedCounts, *, say_missing: bool = True) -> str:
    """'40 states and 3 organisations', '40 states (organisations not reported)', '12 leaders': only what was
    reported, never a 0 for a count left out (`say_missing` False leaves the missing ones unsaid: expected
    counts)."""
    states, organisations = counts.states, counts.organisations
    given = [words(n) for n, words in ((states, _states), (organisations, _organisations)) if n is not None]
    text = _("{first} and {last}").format(first=given[0], last=given[1]) if len(given) == 2 else "".join(given)
    if counts.leaders is not None:
        leaders = ngettext("{count} leader", "{count} leaders", counts.leaders).format(
            count=format_number(counts.leaders)
        )
        text = _("{counts}, with {leaders}").format(counts=text, leaders=leaders) if text else leaders
    if len(given) == 1 and say_missing:  # one of the two counts is missing
        if states is None:
            text = _("{counts} (states not reported)").format(counts=text)
        else:
            text = _("{counts} (organisations not reported)").format(counts=text)
    return text
