"""Issue 12's format extensions, each on the small alliance-summit fixture (tests/fixtures/alliance): a figure reads
as the sources state it, counts follow their rules, and a mistake is located with a suggestion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summit import frames as F
from summit import tables as T
from summit.briefing.slides import build_briefing
from summit.dataset import Dataset, load_dataset
from summit.dates import headcount_text, partial_date_text, span_text
from summit.filters import Filters
from summit.frames import Frames, build_frames
from summit.maps import FIGURE_NONE, VALUE, build_map_data, map_measures
from summit.overview import key_numbers, leaders_present
from summit.profile import build_profile, record_detail
from summit.quantities import chosen_figure
from summit.schema import ReportedCounts
from summit.vocabulary import PALETTE, Measure
from tests.conftest import TESTS

ALLIANCE = TESTS / "fixtures" / "alliance"
MEETING_FILE = Path("meetings") / "2025-06-24-the-hague.yaml"


@pytest.fixture(scope="module")
def alliance() -> Dataset:
    result = load_dataset(ALLIANCE)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="module")
def frames(alliance: Dataset) -> Frames:
    return build_frames(alliance)


def record(frames: Frames, pledge_id: str):
    return frames.pledges.set_index(F.PLEDGE).loc[pledge_id]


def figures_text(frames: Frames, pledge_id: str) -> list[str]:
    return record(frames, pledge_id)[F.QUANTITIES].split("; ")


def problems_after(tmp_path: Path, old: str, new: str, file: Path = MEETING_FILE) -> list[str]:
    """The validator's messages once `old` is replaced by `new` in a copy of the fixture."""
    copy = tmp_path / "alliance"
    shutil.copytree(ALLIANCE, copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert old in text, old
    (copy / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.message for p in load_dataset(copy).problems]


# --- Quantities ----------------------------------------------------------------------------------------------


def test_bounds_and_target_years_read_as_stated(frames):
    assert figures_text(frames, "hague-all-1")[:3] == [
        "5% of GDP by 2035",
        "at least 3.5% of GDP by 2035 (part of 5% of GDP by 2035)",
        "up to 1.5% of GDP by 2035 (part of 5% of GDP by 2035)",
    ]


def test_rates_spans_changes_gni_months_and_years_read_as_stated(frames):
    assert figures_text(frames, "hague-all-1")[3] == "+0.2 points of GDP a year (press or analyst estimate)"
    assert figures_text(frames, "hague-deu-1") == [
        "€16–19 bn a year",
        "€100 bn over 10 years (single source)",
        "€4 m (unit price, not a total)",
        "3 months",
        "0.7% of GNI no earlier than 2030",
        "2030",
    ]


def test_a_bare_year_is_a_partial_date_and_a_year_must_have_four_digits(tmp_path):
    assert partial_date_text("2035") == "2035" and partial_date_text("2035-06") == "June 2035"
    assert any("a year is a whole number of four digits" in m for m in problems_after(
        tmp_path, "{measure: year, value: 2030}", "{measure: year, value: 20.5}"
    ))  # fmt: skip


def test_the_map_figure_is_the_whole_never_a_part_a_change_or_a_unit_price(frames):
    by_participant = frames.pledges.set_index(F.PARTICIPANT)[F.FIGURES]
    share = chosen_figure(by_participant["ALLIES"], Measure.SHARE_OF_GDP)
    assert share is not None and share.text == "5% of GDP by 2035"
    amount = chosen_figure(by_participant["DEU"], Measure.AMOUNT)
    assert amount is not None and amount.text == "€16–19 bn a year"


def test_the_map_offers_the_kinds_of_figure_present_and_no_troops(alliance):
    measures = map_measures(alliance)
    assert "figure:share_of_gdp" in measures and "troops" not in measures
    # The share of GNI and the year are only in the joint record, whose figures are no one participant's.
    assert "figure:share_of_gni" not in measures and "figure:year" not in measures


def test_a_joint_records_figures_colour_no_participant(alliance, frames):
    rows = Filters.from_query_params({"m": "hague-2025"}, alliance).rows(alliance, frames)
    data = build_map_data(alliance, rows.delegations, rows.pledge_types, "figure:amount")
    values = dict(zip(data.states[F.PARTICIPANT], data.states[VALUE], strict=True))
    assert values["DEU"] == values["NLD"] == FIGURE_NONE


def test_a_part_must_name_a_figure_of_its_record(tmp_path):
    messages = problems_after(tmp_path, "part_of: total}", "part_of: totl}")
    assert any("part_of 'totl' names no figure of this record (its figures' ids: total)" in m for m in messages)


def test_a_span_is_a_number_and_a_unit(tmp_path):
    messages = problems_after(tmp_path, "over: 10 years", "over: ten years")
    assert any("10 years, 18 months" in m for m in messages), messages


# --- Sourcing ------------------------------------------------------------------------------------------------


def test_a_figure_carries_its_own_confidence_and_sources(frames):
    [spain] = record(frames, "hague-esp-1")[F.FIGURES]
    assert spain.confidence == "disputed"  # the record itself is confirmed
    assert record(frames, "hague-esp-1")[F.CONFIDENCE] == "confirmed"
    hundred = record(frames, "hague-deu-1")[F.FIGURES][1]
    assert (hundred.sources, hundred.confidence) == ("A newspaper (2025-06)", "single_source")


def test_a_disputed_figure_needs_its_claims(tmp_path):
    messages = problems_after(
        tmp_path, "        confidence: disputed\n", "        confidence: disputed\n        note: x\n"
    )
    assert messages == []  # still valid with both claims
    cut = '          - {claim: "2.4% of GDP", sources: [paper]}\n'
    assert any("fewer than two disputed_claims" in m for m in problems_after(tmp_path / "b", cut, ""))


def test_a_head_whose_own_confidence_is_unverified_is_not_counted_as_present(alliance, frames):
    rows = Filters().rows(alliance, frames)
    # NLD and DEU are confirmed; Spain's head is named but only unverified; Japan's head has no level.
    assert leaders_present(rows.delegations) == (2, 1)


def test_a_source_without_a_title_is_shown_as_untitled(alliance, frames):
    titles = frames.sources.set_index(F.SOURCE_ID)[F.TITLE]
    assert titles["wire"] == F.UNTITLED
    detail = record_detail(alliance, frames, "hague-usa-1")
    assert [line.text for line in detail.sources] == ["A wire service (2025-06-25), press"]


# --- Statuses and stances ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pledge_id", "label"),
    [
        ("hague-esp-1", "Claims an exemption (not a pledge)"),
        ("hague-ita-1", "Granted an exemption (not a pledge)"),
        ("hague-jpn-1", "Requests (asks others, not a pledge)"),
        ("hague-nld-1", "Demands (a demand, not a pledge)"),
        ("hague-usa-1", "Threatens (a warning of action, not a pledge)"),
    ],
)
def test_new_stances_are_stances_with_their_own_words(frames, pledge_id, label):
    row = record(frames, pledge_id)
    assert (row[F.STATUS_LABEL], row[F.IS_STANCE], row[F.IS_PLEDGE]) == (label, True, False)
    assert T.pledge_mark(row[F.STATUS], False, False) == T.POSITION_MARK


def test_a_stance_names_what_it_is_aimed_at(frames):
    assert record(frames, "hague-usa-1")[F.ABOUT] == "Spain; Spain’s record on Core spending"
    assert record(frames, "hague-jpn-1")[F.ABOUT] == "Germany’s record on Procurement"


def test_about_an_unknown_record_is_refused_with_the_nearest(tmp_path):
    messages = problems_after(tmp_path, "about: [hague-deu-1]", "about: [hague-deu-2]")
    assert any("unknown pledge 'hague-deu-2'" in m and "hague-deu-1" in m for m in messages), messages


# --- Participants --------------------------------------------------------------------------------------------


def test_a_joint_pledge_is_counted_once_and_listed_under_each_participant(alliance, frames):
    rows = Filters().rows(alliance, frames)
    numbers = {n.label: n.text for n in key_numbers(alliance, rows.meeting, rows.delegations, rows.pledges)}
    assert numbers["Pledges"] == "2"  # the alliance-wide pledge and the joint one, once
    assert "Refusals" not in numbers  # the dataset records none: no tile of 0
    poland = build_profile(alliance, frames, "POL")
    assert list(poland.pledges[T.COL_ID]) == ["hague-deu-1"]
    table = T.pledges_table(alliance, rows.pledges).set_index(T.COL_ID)
    assert table.at["hague-deu-1", T.COL_PARTICIPANT] == "Germany (jointly with Netherlands, Poland)"
    matrix = T.matrix_table(alliance, rows.pledge_types, rows.delegations)
    assert matrix.at["Poland", "Procurement"] and matrix.at["Netherlands", "Procurement"]
    participants = T.participants_table(alliance, rows.delegations, rows.pledges).set_index(T.COL_CODE)
    assert participants.at["NLD", T.COL_PLEDGES] == 1  # the joint pledge; its demand is a stance


def test_a_group_filter_keeps_joint_records_and_collectives_standing_for_it(alliance, frames):
    alliance_rows = Filters.from_query_params({"g": "alliance"}, alliance).rows(alliance, frames)
    assert {"hague-all-1", "hague-deu-1"} <= set(alliance_rows.pledges[F.PLEDGE])
    partner_rows = Filters.from_query_params({"g": "partners"}, alliance).rows(alliance, frames)
    assert set(partner_rows.pledges[F.PLEDGE]) == {"hague-jpn-1"}


def test_a_stance_by_an_absent_participant_needs_no_delegation_and_says_so(alliance, frames):
    rows = Filters().rows(alliance, frames)
    table = T.pledges_table(alliance, rows.pledges).set_index(T.COL_ID)
    assert table.at["hague-usa-1", T.COL_PARTICIPANT] == "United States (did not attend)"
    assert "USA" not in set(rows.delegations[F.PARTICIPANT])


def test_absent_with_a_delegation_is_refused(tmp_path):
    messages = problems_after(tmp_path, "participant: JPN\n    types", "participant: JPN\n    absent: true\n    types")
    assert any("absent is true but JPN has a delegation" in m for m in messages), messages


def test_stands_for_names_a_group(tmp_path):
    messages = problems_after(tmp_path, "stands_for: alliance", "stands_for: aliance", Path("organisations.yaml"))
    assert any("unknown group 'aliance' (did you mean 'alliance'?)" in m for m in messages), messages


# --- Delegations ---------------------------------------------------------------------------------------------


def test_chair_and_partner_roles_and_accompanying_ministers_are_shown_and_searched(alliance, frames):
    delegations = frames.delegations.set_index(F.PARTICIPANT)
    assert (delegations.at["NLD", F.ROLE_LABEL], delegations.at["JPN", F.ROLE_LABEL]) == ("Chair", "Partner")
    assert delegations.at["NLD", F.ACCOMPANIED_BY] == "Ruben Brekelmans, Minister of Defence"
    found = Filters.from_query_params({"q": "Brekelmans"}, alliance).rows(alliance, frames)
    assert set(found.pledges[F.PLEDGE]) == {"hague-deu-1", "hague-nld-1"}


def test_a_head_of_unknown_level_is_not_a_leader(frames):
    japan = frames.delegations.set_index(F.PARTICIPANT).loc["JPN"]
    assert (japan[F.LEVEL_LABEL], bool(japan[F.IS_LEADER])) == ("Level not known", False)


# --- Meetings and documents ----------------------------------------------------------------------------------


def test_a_meeting_of_two_days_is_shown_with_both(alliance, frames):
    assert span_text(*_days(alliance)) == "24–25 June 2025"
    slides = build_briefing(alliance, frames, Filters())
    assert "24–25 June 2025" in slides[0].subtitle + slides[0].title


def _days(dataset: Dataset):
    meeting = dataset.meetings[0].meeting
    return meeting.date, meeting.end_date


def test_unknown_format_and_a_document_dated_to_the_month_are_valid(alliance):
    meeting = alliance.meetings[0].meeting
    assert (str(meeting.format), meeting.documents[0].date) == ("unknown", "2025-06")


def test_expected_and_reported_counts_are_kept_apart_and_a_missing_count_is_not_zero(alliance, frames):
    rows = Filters().rows(alliance, frames)
    [delegations, *_] = key_numbers(alliance, rows.meeting, rows.delegations, rows.pledges)
    assert "Sources report 32 states (organisations not reported)." in delegations.help
    assert "Before the meeting, 40 states were expected." in delegations.help
    assert "0 organisations" not in delegations.help
    assert headcount_text(ReportedCounts(leaders=1)) == "1 leader"


# --- Colours -------------------------------------------------------------------------------------------------


def test_types_without_a_colour_take_their_categorys(alliance):
    assert alliance.type_colour("core_spending") == alliance.type_colour("related_spending") == PALETTE[0]
    assert alliance.type_colour("procurement") == "#CC6677"  # the category's own
