"""The headline figures of a meeting: what each counts, stated by hand on the tiny data's Paris meeting.

Paris: 5 delegations (the EU, France, Luxembourg, Norway, the US), 3 of them led by a head of state or
government, of whom 2 are named and on record as present (France, Luxembourg; Norway's head is not named
and its attendance not known); 8 records made at the meeting, of which 2 are stances (Luxembourg rules out
troops, Norway calls for a sea mission) and 1 a press report (US support at sea, not confirmed), so 5 pledges,
3 of them conditional; 1 refusal. Two more records are outside the meeting's day (see test_timing.py).
"""

from __future__ import annotations

import pytest

from summit import frames as F
from summit.dataset import load_dataset
from summit.filters import Filters
from summit.frames import build_frames
from summit.overview import COUNTED, KeyNumber, key_numbers, leaders_present
from summit.schema import ReportedCounts
from tests.conftest import REPO

DELEGATIONS_HELP = "Delegations identified in the sources for the current filters."
PLEDGES_HELP = (
    "Pledges of any status made or restated at the meeting (earlier and later ones when the time scope includes "
    "them); stances and third-party reports excluded. A joint pledge is counted once."
)
REPORTED_HELP = (
    "What a press report or an analyst says a participant will do, which the participant has not confirmed "
    "(status reported): listed, never counted as a pledge."
)
LEADERS_HELP = (
    "Delegations led by a head of state or government whom a source names, attending in person or by "
    "video. Unconfirmed: led at that level, but the head is not named, the attendance is not known or the "
    "head's own confidence is unverified or disputed; they are not counted. A head whose level no source "
    "gives is not a leader."
)


def test_key_numbers_of_paris(tiny, paris):
    assert key_numbers(tiny, paris.meeting, paris.delegations, paris.pledges) == [
        KeyNumber("Delegations", "5", DELEGATIONS_HELP, counts="delegations"),
        KeyNumber("Leaders present", "2", LEADERS_HELP, "+1 unconfirmed", counts="leaders", note_counts="unconfirmed"),
        KeyNumber(
            "Pledges",
            "5",
            f"{PLEDGES_HELP} {REPORTED_HELP}",
            "+1 report",
            counts="pledges",
            note_counts="reported",
        ),
        KeyNumber(
            "Conditional",
            "3 of 5",
            "Pledges that depend on at least one of the dataset's conditions (taxonomy.yaml). Here: after a "
            "ceasefire, subject to parliamentary approval.",
            counts="conditional",
        ),
        KeyNumber(
            "Refusals",
            "1",
            "Stances that rule something out, or refuse unless conditions are met, in the time scope.",
            counts="refusals",
        ),
    ]


def test_a_call_for_something_is_no_refusal_and_a_conditional_stance_is_no_conditional_pledge(tiny, paris):
    """Give Norway's call a condition: still 1 refusal, still 3 conditional pledges out of 5."""
    pledges = paris.pledges.copy()
    norway = pledges[F.PLEDGE] == "paris-nor-1"
    pledges.loc[norway, F.IS_CONDITIONAL] = True
    numbers = {n.label: n.value for n in key_numbers(tiny, paris.meeting, paris.delegations, pledges)}
    assert (numbers["Refusals"], numbers["Conditional"], numbers["Pledges"]) == ("1", "3 of 5", "5")


def test_the_reported_headcount_is_added_to_the_help(tiny, paris):
    meeting = paris.meeting.model_copy(
        update={"meeting": paris.meeting.meeting.model_copy(update={"reported_counts": ReportedCounts(states=27)})}
    )
    [delegations, *_] = key_numbers(tiny, meeting, paris.delegations, paris.pledges)
    assert delegations == KeyNumber(
        "Delegations",
        "5",
        DELEGATIONS_HELP + " Sources report 27 states (organisations not reported).",
        counts="delegations",
    )


def test_an_empty_view_shows_zeros(tiny, paris):
    numbers = key_numbers(tiny, paris.meeting, paris.delegations.iloc[0:0], paris.pledges.iloc[0:0])
    assert [n.value for n in numbers] == ["0", "0", "0", "0", "0"]


def test_only_stances_leave_no_pledge_to_be_conditional(tiny, paris):
    stances = paris.pledges[paris.pledges[F.IS_STANCE]]
    numbers = {n.label: n.value for n in key_numbers(tiny, paris.meeting, paris.delegations, stances)}
    assert (numbers["Pledges"], numbers["Conditional"], numbers["Refusals"]) == ("0", "0", "1")


def test_a_leader_counts_as_present_only_when_named_and_attending(tiny, paris):
    """Norway's head of government is unnamed and its attendance unknown: unconfirmed. Naming the head is not
    enough while the attendance is unknown; recording it by video is."""
    delegations = paris.delegations.copy()
    norway = delegations[F.PARTICIPANT] == "NOR"
    assert leaders_present(delegations) == (2, 1)
    delegations.loc[norway, F.IS_LEADER_CONFIRMED] = True
    assert leaders_present(delegations) == (3, 0)
    [_, leaders, *_] = key_numbers(tiny, paris.meeting, delegations, paris.pledges)
    assert (leaders.value, leaders.note, leaders.text) == ("3", "", "3")


def test_the_confirmed_flag_needs_a_name_and_a_known_attendance(tiny_frames):
    delegations = tiny_frames.delegations
    paris = delegations[delegations[F.MEETING] == "paris-2026-01-06"].set_index(F.PARTICIPANT)
    # France and Luxembourg: named leaders, in person. Norway: unnamed, attendance unknown. The US envoy and
    # the EU's leader are not heads of state or government.
    assert paris[F.IS_LEADER_CONFIRMED].to_dict() == {"FRA": True, "LUX": True, "NOR": False, "USA": False, "EU": False}
    assert paris[F.IS_LEADER].to_dict() == {"FRA": True, "LUX": True, "NOR": True, "USA": False, "EU": False}


@pytest.mark.parametrize("data", ["tiny", "bundled"])
@pytest.mark.parametrize(
    "extra",
    [{}, {"groups": ("nato",)}, {"text": "troops"}, {"scope": ("earlier", "later")}],
    ids=["all", "nato", "search", "wider-scope"],
)
def test_each_headline_number_is_the_length_of_the_list_it_opens(data, extra, tiny, tiny_frames):
    """The link under each number adds `n=<rule>` to the current filters; the Pledges or Participants page
    then lists exactly the records the number counts."""
    dataset = tiny if data == "tiny" else load_dataset(REPO / "data").dataset
    frames = tiny_frames if data == "tiny" else build_frames(dataset)
    view = Filters(**extra).rows(dataset, frames)
    numbers = key_numbers(dataset, view.meeting, view.delegations, view.pledges)
    shown = [(n.counts, n.value) for n in numbers] + [(n.note_counts, n.note.lstrip("+")) for n in numbers if n.note]
    assert {rule for rule, _ in shown} <= set(COUNTED)
    assert [n.counts for n in numbers] == ["delegations", "leaders", "pledges", "conditional", "refusals"]
    for rule, text in shown:
        opened = Filters(**extra, counted=rule).rows(dataset, frames)
        listed = opened.pledges if COUNTED[rule].frame == "pledges" else opened.delegations
        assert text.split(" ")[0] == str(len(listed)), rule
    assert Filters(**extra, counted="refusals").rows(dataset, frames).pledges[F.IS_REFUSAL].all()


def test_page_and_chart_words_come_from_the_dataset_not_from_the_first_summit(tiny):
    import dataclasses

    from summit.figures import timeline_chart
    from summit.frames import build_frames
    from summit.overview import condition_examples

    meetings = build_frames(tiny).meetings
    assert tiny.meeting_series == "meetings"  # not given: a plain word
    assert timeline_chart(tiny, meetings).title == "Meetings over time"
    g7 = dataclasses.replace(tiny, info=tiny.info.model_copy(update={"meeting_series": "G7 summits"}))
    assert timeline_chart(g7, meetings).title == "G7 summits over time"
    # The help's examples are the dataset's own conditions, never the bundled data's.
    assert condition_examples(tiny) == " Here: after a ceasefire, subject to parliamentary approval."
    assert condition_examples(dataclasses.replace(tiny, conditions={})) == ""
