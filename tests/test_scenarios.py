"""Scenarios (summit.scenarios): one test per rule of SCENARIO_RULES, the URL form, the names, and what stands.

The tiny Paris meeting: France's land force and monitoring wait on a ceasefire (paris-fra-1); Luxembourg's
airlift waits on a ceasefire and on its parliament (paris-lux-2); the whole coalition's monitoring waits on
a ceasefire; Luxembourg rules out troops; Norway calls for a sea mission."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summit import frames as F
from summit.briefing.slides import build_briefing
from summit.dataset import load_dataset
from summit.exports import build_view
from summit.filters import Filters
from summit.frames import build_frames
from summit.maps import ALL_LAPSE, NO_PLEDGE, SCENARIO_MEASURE, STILL_PLEDGING, VALUE, build_map_data
from summit.scenarios import outcome, pledge_outcomes, scenario_name, scenario_sentence, standing, states_of, tokens_of
from summit.tables import matrix_table
from summit.vocabulary import ConditionState, Outcome
from tests.conftest import REPO

MET, NOT_MET, OPEN = ConditionState.MET, ConditionState.NOT_MET, ConditionState.OPEN


@pytest.mark.parametrize(
    ("status", "waiting_on", "states", "expected"),
    [
        # A pledge lapses when a condition it waits on is not met ...
        ("announced", ("after_ceasefire",), {"after_ceasefire": NOT_MET}, Outcome.LAPSES),
        # ... is uncertain when none is not met but one is open ...
        ("announced", ("after_ceasefire", "vote"), {"after_ceasefire": MET, "vote": OPEN}, Outcome.UNCERTAIN),
        # ... not met outranks open ...
        ("announced", ("after_ceasefire", "vote"), {"after_ceasefire": OPEN, "vote": NOT_MET}, Outcome.LAPSES),
        # ... and otherwise stands: met, or not marked, or no condition at all.
        ("signed", ("after_ceasefire",), {"after_ceasefire": MET}, Outcome.STANDS),
        ("signed", ("after_ceasefire",), {"us_backstop": NOT_MET}, Outcome.STANDS),
        ("signed", (), {"after_ceasefire": NOT_MET}, Outcome.STANDS),
        # A willingness and a report follow the pledge's rule.
        ("conditional_willingness", ("after_ceasefire",), {"after_ceasefire": NOT_MET}, Outcome.LAPSES),
        ("reported", ("after_ceasefire",), {"after_ceasefire": OPEN}, Outcome.UNCERTAIN),
        # A refusal unless a condition is met: lifted when all are met, uncertain when one is open (none not
        # met), and otherwise it holds, a condition not marked included.
        ("conditional_refusal", ("un_mandate",), {"un_mandate": MET}, Outcome.LIFTED),
        ("conditional_refusal", ("un_mandate", "vote"), {"un_mandate": MET}, Outcome.REFUSES),
        ("conditional_refusal", ("un_mandate",), {"un_mandate": OPEN}, Outcome.UNCERTAIN),
        ("conditional_refusal", ("un_mandate",), {"un_mandate": NOT_MET}, Outcome.REFUSES),
        ("conditional_refusal", ("un_mandate",), {}, Outcome.REFUSES),
        # A plain refusal and a stated position are not conditional.
        ("ruled_out", ("after_ceasefire",), {"after_ceasefire": MET}, Outcome.UNAFFECTED),
        ("advocates", (), {"after_ceasefire": NOT_MET}, Outcome.UNAFFECTED),
    ],
)
def test_each_rule(status, waiting_on, states, expected):
    assert outcome(status, waiting_on, states) == expected


def test_a_condition_the_pledge_no_longer_waits_on_does_not_make_it_lapse(tiny, tiny_frames):
    """Parliamentary approval is satisfied by `approved` (tiny taxonomy): an approved pledge does not wait on it."""
    pledges = tiny_frames.pledges.set_index(F.PLEDGE)
    assert pledges.loc["paris-lux-2", F.WAITING_ON] == ("after_ceasefire", "parliamentary_approval")
    approved = tiny.conditions["parliamentary_approval"].satisfied_by
    assert [str(s) for s in approved] == ["approved"]


def test_the_url_form_keeps_one_state_per_condition_the_last_one():
    states = states_of(["after_ceasefire:open", "us_backstop:not_met", "after_ceasefire:met", "junk", "x:maybe"])
    assert states == {"us_backstop": NOT_MET, "after_ceasefire": MET}
    assert tokens_of(states) == ("us_backstop:not_met", "after_ceasefire:met")


def test_a_stale_state_is_dropped_from_a_link(tiny):
    filters = Filters.from_query_params({"sc": "after_ceasefire:not_met,after_the_war:met,after_ceasefire:bad"}, tiny)
    assert filters.scenario == ("after_ceasefire:not_met",)


def test_a_scenario_hides_nothing_and_gives_every_record_its_outcome(tiny, tiny_frames):
    rows = Filters(scenario=("after_ceasefire:not_met",)).rows(tiny, tiny_frames)
    assert set(rows.pledges[F.PLEDGE]) == set(Filters().rows(tiny, tiny_frames).pledges[F.PLEDGE])
    by_pledge = dict(zip(rows.pledges[F.PLEDGE], rows.pledges[F.OUTCOME], strict=True))
    assert by_pledge == {
        "paris-fra-1": "lapses",
        "paris-lux-1": "unaffected",
        "paris-lux-2": "lapses",
        "paris-usa-1": "stands",
        "paris-usa-2": "stands",
        "paris-coalition-1": "lapses",
        "paris-eu-1": "stands",
        "paris-nor-1": "unaffected",
    }
    assert set(rows.pledge_types[F.OUTCOME]) == {"lapses", "unaffected", "stands"}  # every (pledge, type) row
    lapsed = Filters(scenario=("after_ceasefire:not_met",), outcomes=("lapses",)).rows(tiny, tiny_frames)
    assert set(lapsed.pledges[F.PLEDGE]) == {"paris-fra-1", "paris-lux-2", "paris-coalition-1"}


def test_the_named_scenario_gives_its_name_else_the_states_are_said(tiny):
    assert scenario_name(tiny, {"after_ceasefire": NOT_MET}) == "No ceasefire"  # tiny taxonomy names it
    assert scenario_name(tiny, {"after_ceasefire": OPEN}) == "After a ceasefire: open"


def test_what_stands_per_domain_and_the_sentence_agree_with_the_records(tiny, tiny_frames):
    rows = Filters(scenario=("after_ceasefire:not_met",)).rows(tiny, tiny_frames)
    land = next(r for r in standing(tiny, rows.pledges) if r.label == "Land")
    # France's land force is the only pledge on land (Luxembourg's is a refusal): it lapses.
    assert (land.pledges, land.stands, land.lapses, land.uncertain) == (1, 0, 1, 0)
    assert (land.participants_before, land.participants_after) == (1, 0)
    assert scenario_sentence("No ceasefire", land) == (
        "No ceasefire: 1 of 1 land contribution lapses; 0 participants still pledge (of 1)."
    )
    listed = Filters(scenario=("after_ceasefire:not_met",), domains=("land",), outcomes=("lapses",), counted="pledges")
    assert len(listed.rows(tiny, tiny_frames).pledges) == land.lapses


@pytest.fixture(scope="module")
def bundled():
    dataset = load_dataset(REPO / "data").dataset
    return dataset, build_frames(dataset)


NO_CEASEFIRE = Filters(scenario=("after_ceasefire:not_met",))


def test_the_map_colours_what_stands_lapses_or_holds(tiny, tiny_frames):
    rows = NO_CEASEFIRE.rows(tiny, tiny_frames)
    land = build_map_data(tiny, rows.delegations, rows.pledge_types, SCENARIO_MEASURE, "mnf_land")
    values = dict(zip(land.states[F.PARTICIPANT], land.states[VALUE], strict=True))
    # France's land force waits on a ceasefire; Luxembourg's refusal is not conditional.
    assert values == {"FRA": ALL_LAPSE, "LUX": NO_PLEDGE, "NOR": NO_PLEDGE, "USA": NO_PLEDGE}
    everything = build_map_data(tiny, rows.delegations, rows.pledge_types, SCENARIO_MEASURE)
    values = dict(zip(everything.states[F.PARTICIPANT], everything.states[VALUE], strict=True))
    # The US's monitoring lead has no condition: it stands. Luxembourg's airlift lapses.
    assert values == {"FRA": ALL_LAPSE, "LUX": ALL_LAPSE, "NOR": NO_PLEDGE, "USA": STILL_PLEDGING}
    assert land.legend_title == "Outcome in the scenario: Multinational force on land"


def test_the_grid_marks_lapsed_cells(tiny, tiny_frames):
    rows = NO_CEASEFIRE.rows(tiny, tiny_frames)
    matrix = matrix_table(tiny, rows.pledge_types, rows.delegations)
    assert matrix.loc["France", "Force: land"] == "(◐)"
    assert matrix.loc["Luxembourg", "Force: land"] == "✕"  # not conditional: as recorded
    assert matrix.loc["United States", "Monitoring"] == "★"  # no condition: it stands
    baseline = Filters().rows(tiny, tiny_frames)
    assert matrix_table(tiny, baseline.pledge_types, baseline.delegations).loc["France", "Force: land"] == "◐"


def test_the_deck_says_which_scenario_it_shows(tiny, tiny_frames):
    slides = build_briefing(tiny, tiny_frames, NO_CEASEFIRE)
    assert [s.key for s in slides][:3] == ["title", "numbers", "scenario"]
    scenario = next(s for s in slides if s.key == "scenario")
    assert scenario.title == "Scenario: No ceasefire"
    land = scenario.table.set_index("Pledges of").loc["Land"]
    assert (land["Pledges"], land["Stand"], land["Lapse"], land["Still pledging"]) == (1, 0, 1, "0 of 1")
    assert "in the scenario “After a ceasefire: not met”" in next(s for s in slides if s.key == "title").bullets[0]
    assert "scenario" not in [s.key for s in build_briefing(tiny, tiny_frames, Filters())]


def test_exports_say_what_becomes_of_each_record(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, NO_CEASEFIRE, "pledges")
    outcome = dict(zip(view.table["Id"], view.table["In the scenario"], strict=True))
    assert outcome["paris-fra-1"] == "Lapses" and outcome["paris-lux-1"] == "Not conditional"
    assert list(view.table.columns).index("In the scenario") == list(view.table.columns).index("Status") + 1
    assert "In the scenario" not in build_view(tiny, tiny_frames, Filters(), "pledges").table.columns


@pytest.mark.parametrize("scenario_id", ["no_ceasefire", "no_us_backstop", "ceasefire_backstop_open"])
def test_each_number_is_the_length_of_the_list_it_opens_on_the_bundled_data(scenario_id, bundled):
    """The Scenarios page and the Overview link each count to the Pledges page with the row's domain or type,
    the outcome and `counted=pledges`: the list has exactly that many rows."""
    dataset, frames = bundled
    scenario = Filters(scenario=tokens_of(dataset.scenarios[scenario_id].conditions))
    rows = scenario.rows(dataset, frames)
    table = standing(dataset, rows.pledges)
    assert table, "the bundled data has pledges in every domain"
    for row in table:
        for result, count in (("stands", row.stands), ("lapses", row.lapses), ("uncertain", row.uncertain)):
            opened = replace(scenario, **{row.filter_key: (row.filter_value,)}, outcomes=(result,), counted="pledges")
            assert len(opened.rows(dataset, frames).pledges) == count, (row.label, result)
        every = replace(scenario, **{row.filter_key: (row.filter_value,)}, counted="pledges")
        assert len(every.rows(dataset, frames).pledges) == row.pledges == row.stands + row.lapses + row.uncertain
    for result, count in pledge_outcomes(rows.pledges).items():
        assert len(replace(scenario, outcomes=(result,), counted="pledges").rows(dataset, frames).pledges) == count
