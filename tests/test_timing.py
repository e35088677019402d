"""Time scope (summit.timing): each record placed against its meeting by TIMING_RULE, one test per rule; the
scope filter and the note that says what it leaves out; who said it (source kinds, third-party reports).

The tiny Paris meeting (6 January 2026) has two records outside its day: paris-nor-0 (November 2025, earlier)
and paris-lux-3 (13 January 2026, later)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summit import frames as F
from summit.dataset import load_dataset
from summit.filters import Filters, scope_note
from summit.overview import key_numbers
from summit.timing import date_span, place, timing_problem
from summit.vocabulary import SourceKind, Timing

DAY = dt.date(2026, 1, 6)
SUMMIT_DAYS = (dt.date(2026, 1, 6), dt.date(2026, 1, 7))  # a two-day meeting


def test_a_partial_date_spans_its_month_or_year():
    assert date_span("2026-01-06") == (DAY, DAY)
    assert date_span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_span("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2025-12-19", Timing.EARLIER),  # before the first day
        ("2025-12", Timing.EARLIER),  # a month wholly before
        ("2026-01-08", Timing.LATER),  # after the last day
        ("2026-01-07", Timing.MADE),  # the second day of a two-day meeting
        (None, Timing.MADE),  # no date: where the data records it
    ],
)
def test_the_date_places_a_record_without_timing(date, expected):
    assert place(date, None, *SUMMIT_DAYS) == expected


def test_the_data_s_timing_wins_over_the_date():
    assert place("2025-12-19", Timing.RESTATED, DAY, DAY) == Timing.RESTATED
    assert place("2026-01", Timing.LATER, DAY, DAY) == Timing.LATER


def test_a_month_that_takes_in_the_meeting_needs_timing():
    assert timing_problem("2026-01", None, DAY, DAY) == (
        "date 2026-01 takes in the meeting's day but is not one of them: "
        "say when the record was made with timing (made, restated, earlier or later)"
    )
    assert timing_problem("2026-01", Timing.MADE, DAY, DAY) is None
    assert timing_problem("2026-01-06", None, DAY, DAY) is None


@pytest.mark.parametrize(
    ("date", "timing", "problem"),
    [
        ("2026-01-20", Timing.EARLIER, "timing earlier contradicts date 2026-01-20, later than the meeting"),
        ("2026-01-20", Timing.RESTATED, "timing restated contradicts date 2026-01-20, later than the meeting"),
        ("2025-12-01", Timing.LATER, "timing later contradicts date 2025-12-01, earlier than the meeting"),
        ("2026-01-06", Timing.LATER, "timing later contradicts date 2026-01-06, a day of the meeting"),
        ("2025-12-01", Timing.MADE, "timing made contradicts date 2025-12-01, earlier than the meeting"),
    ],
)
def test_timing_that_contradicts_the_date_is_a_problem(date, timing, problem):
    assert timing_problem(date, timing, DAY, DAY) == problem


def test_made_after_the_meeting_is_allowed_for_what_was_said_at_it():
    """A statement at the meeting, published the next day."""
    assert timing_problem("2026-01-07", Timing.MADE, DAY, DAY) is None
    assert timing_problem("2025-12-19", Timing.RESTATED, DAY, DAY) is None


def test_the_frames_place_every_record(tiny_frames):
    timing = tiny_frames.pledges.set_index(F.PLEDGE)[F.TIMING]
    assert timing["paris-nor-0"] == "earlier" and timing["paris-lux-3"] == "later"
    assert set(timing.drop(["paris-nor-0", "paris-lux-3"])) == {"made"}


def test_by_default_the_meeting_counts_what_was_made_at_it(tiny, tiny_frames):
    shown = Filters().rows(tiny, tiny_frames)
    assert {"paris-nor-0", "paris-lux-3"}.isdisjoint(shown.pledges[F.PLEDGE])
    assert scope_note(Filters(), tiny, tiny_frames) == (
        "Not counted: 1 earlier statement (before the meeting) and 1 later one (after it)."
    )
    # Norway's delegation stays whatever the scope: the scope never hides a delegation.
    assert "NOR" in set(shown.delegations[F.PARTICIPANT])


def test_the_scope_brings_in_earlier_and_later_records_and_the_note_follows(tiny, tiny_frames):
    later = Filters(scope=("later",))
    assert "paris-lux-3" in set(later.rows(tiny, tiny_frames).pledges[F.PLEDGE])
    assert scope_note(later, tiny, tiny_frames) == ("Not counted: 1 earlier statement (before the meeting).")
    everything = Filters(scope=("earlier", "later"))
    rows = everything.rows(tiny, tiny_frames)
    assert {"paris-nor-0", "paris-lux-3"} <= set(rows.pledges[F.PLEDGE])
    assert scope_note(everything, tiny, tiny_frames) == ""
    assert everything.describe(tiny, 1, "pledges") == (
        "Showing 1 pledge, with earlier and later statements, at Paris, 6 Jan 2026."
    )


def test_the_headline_pledges_follow_the_scope(tiny, tiny_frames):
    def pledges(filters: Filters) -> str:
        view = filters.rows(tiny, tiny_frames)
        return next(
            n.value for n in key_numbers(tiny, view.meeting, view.delegations, view.pledges) if n.label == "Pledges"
        )

    assert (pledges(Filters()), pledges(Filters(scope=("later",)))) == ("5", "6")


# --- who said it -------------------------------------------------------------------------


def test_a_source_kind_defaults_from_the_official_flag(tiny):
    assert tiny.sources["elysee-summit"].source_kind == SourceKind.OFFICIAL  # official: true, no kind
    assert tiny.sources["lequotidien-lux"].source_kind == SourceKind.PRESS  # kind given
    assert tiny.sources["manhattandaily-signed"].source_kind == SourceKind.OTHER  # neither


def test_a_third_party_report_is_listed_but_never_counted_as_a_pledge(tiny, tiny_frames):
    """paris-usa-2 is reported (press): the Pledges figure leaves it out and says so beside the number."""
    view = Filters().rows(tiny, tiny_frames)
    reported = view.pledges.set_index(F.PLEDGE).loc["paris-usa-2"]
    assert reported[F.IS_REPORTED] and not reported[F.IS_PLEDGE] and not reported[F.IS_STANCE]
    numbers = {n.label: n for n in key_numbers(tiny, view.meeting, view.delegations, view.pledges)}
    assert (numbers["Pledges"].value, numbers["Pledges"].note) == ("5", "+1 report")
    assert numbers["Pledges"].note_counts == "reported"


def test_a_record_sourced_only_by_analysts_must_be_reported(tiny_copy: Path):
    sources = tiny_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("    kind: press\n", "    kind: analyst\n", 1), encoding="utf-8"
    )
    result = load_dataset(tiny_copy)
    analyst = (
        "status: every source of this record is an analyst's: an analyst's view is not the participant's pledge "
        "or stance, so its status must be reported (reported, not confirmed)"
    )
    # lequotidien-lux is now an analyst's: each record it alone supports is flagged at its status.
    flagged = sorted(p.message.removesuffix(analyst) for p in result.problems if p.message.endswith(analyst))
    assert flagged == ["pledges[1].", "pledges[2].", "pledges[8].", "pledges[9]."]
    assert result.dataset is None
