"""The headline figures of a meeting: what each counts, stated by hand on the tiny data's Paris meeting.

Paris: 5 delegations (the EU, France, Luxembourg, Norway, the US), 3 of them led by a head of state or
government; 8 records, of which 2 are stances (Luxembourg rules out troops, Norway calls for a sea mission),
so 6 pledges, 3 of them conditional; 1 refusal.
"""

from __future__ import annotations

from summit import frames as F
from summit.overview import KeyNumber, key_numbers
from summit.schema import ReportedCounts

DELEGATIONS_HELP = "Delegations identified in the sources for the current filters."


def test_key_numbers_of_paris(tiny, paris):
    assert key_numbers(tiny, paris.meeting, paris.delegations, paris.pledges) == [
        KeyNumber("Delegations", "5", DELEGATIONS_HELP),
        KeyNumber("Leaders present", "3", "Delegations led by a head of state or government."),
        KeyNumber("Pledges", "6", "Pledges of any status, stances excluded."),
        KeyNumber(
            "Conditional",
            "3 of 6",
            "Pledges that depend on a condition (a ceasefire, a vote in parliament, a US backstop, ...).",
        ),
        KeyNumber("Refusals", "1", "Stances that rule something out, or refuse unless conditions are met."),
    ]


def test_a_call_for_something_is_no_refusal_and_a_conditional_stance_is_no_conditional_pledge(tiny, paris):
    """Give Norway's call a condition: still 1 refusal, still 3 conditional pledges out of 6."""
    pledges = paris.pledges.copy()
    norway = pledges[F.PLEDGE] == "paris-nor-1"
    pledges.loc[norway, F.IS_CONDITIONAL] = True
    numbers = {n.label: n.value for n in key_numbers(tiny, paris.meeting, paris.delegations, pledges)}
    assert (numbers["Refusals"], numbers["Conditional"], numbers["Pledges"]) == ("1", "3 of 6", "6")


def test_the_reported_headcount_is_added_to_the_help(tiny, paris):
    meeting = paris.meeting.model_copy(
        update={"meeting": paris.meeting.meeting.model_copy(update={"reported_counts": ReportedCounts(states=27)})}
    )
    [delegations, *_] = key_numbers(tiny, meeting, paris.delegations, paris.pledges)
    assert delegations == KeyNumber(
        "Delegations", "5", DELEGATIONS_HELP + " Sources report 27 states and 0 organisations."
    )


def test_an_empty_view_shows_zeros(tiny, paris):
    numbers = key_numbers(tiny, paris.meeting, paris.delegations.iloc[0:0], paris.pledges.iloc[0:0])
    assert [n.value for n in numbers] == ["0", "0", "0", "0", "0"]


def test_only_stances_leave_no_pledge_to_be_conditional(tiny, paris):
    stances = paris.pledges[paris.pledges[F.IS_STANCE]]
    numbers = {n.label: n.value for n in key_numbers(tiny, paris.meeting, paris.delegations, stances)}
    assert (numbers["Pledges"], numbers["Conditional"], numbers["Refusals"]) == ("0", "0", "1")
