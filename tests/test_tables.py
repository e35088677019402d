"""Display tables: participants, pledges and the who-does-what matrix."""

from __future__ import annotations

import pytest

from summit import frames as F
from summit import tables as T
from summit.filters import Filters


@pytest.mark.parametrize(
    ("status", "conditional", "lead", "mark"),
    [
        ("announced", False, True, T.LEAD_MARK),
        ("signed", False, False, T.PLEDGE_MARK),
        ("signed", True, False, T.CONDITIONAL_MARK),
        ("considering", False, False, T.CONSIDERING_MARK),
        ("reported", True, False, T.REPORTED_MARK),
        ("advocates", False, False, T.POSITION_MARK),
        ("conditional_willingness", True, False, T.WILLING_MARK),
        ("ruled_out", False, False, T.REFUSAL_MARK),
        ("conditional_refusal", True, False, T.CONDITIONAL_REFUSAL_MARK),
    ],
)
def test_pledge_mark(status, conditional, lead, mark):
    assert T.pledge_mark(status, conditional, lead) == mark


def test_matrix_marks_lead_conditions_and_refusals(tiny, paris):
    matrix = T.matrix_table(tiny, paris.pledge_types, paris.delegations)
    assert list(matrix.columns) == ["Force: land", "Force: sea", "Logistics", "Monitoring"]
    assert matrix.loc["France", "Force: land"] == T.CONDITIONAL_MARK
    assert matrix.loc["Luxembourg", "Force: land"] == T.REFUSAL_MARK
    assert matrix.loc["Luxembourg", "Logistics"] == T.CONDITIONAL_MARK
    assert matrix.loc["United States", "Monitoring"] == T.LEAD_MARK
    assert matrix.loc["United States", "Force: sea"] == T.REPORTED_MARK  # a press report, not a pledge
    assert matrix.loc["Norway"].tolist() == ["", T.POSITION_MARK, "", ""]  # it only advocates a sea mission
    assert matrix.loc["European Union", "Logistics"] == T.PLEDGE_MARK  # an organisation has a row like a state
    assert matrix.loc["Coalition of the Willing (all members)", "Monitoring"] == T.CONDITIONAL_MARK


def test_every_matrix_mark_has_a_legend_entry():
    assert set(T.MATRIX_LEGEND) == {
        T.LEAD_MARK, T.PLEDGE_MARK, T.CONDITIONAL_MARK, T.CONSIDERING_MARK, T.REPORTED_MARK, T.WILLING_MARK,
        T.POSITION_MARK,
        T.CONDITIONAL_REFUSAL_MARK, T.REFUSAL_MARK, T.WITHDRAWN_MARK,
    }  # fmt: skip


def test_participants_table(tiny, paris):
    table = T.participants_table(tiny, paris.delegations, paris.pledges)
    assert table[T.COL_PARTICIPANT].tolist() == ["European Union", "France", "Luxembourg", "Norway", "United States"]
    # Stances are not pledges: Luxembourg's refusal and Norway's call for a sea mission are not counted; nor is
    # the press report of US support at sea.
    assert dict(zip(table[T.COL_CODE], table[T.COL_PLEDGES], strict=True)) == {
        "EU": 1, "FRA": 1, "LUX": 1, "NOR": 0, "USA": 1
    }  # fmt: skip
    row = table.set_index(T.COL_CODE).loc["FRA"]
    assert row[T.COL_HEAD] == "Emmanuel Macron, President of the Republic"
    assert row[T.COL_LEVEL] == "Head of state" and row[T.COL_ATTENDANCE] == "In person"
    assert row[T.COL_GROUPS] == "NATO" and row[T.COL_PLEDGES] == 1
    assert row[T.COL_CONFIDENCE] == "● Confirmed"  # readable without colour
    assert row[T.COL_SOURCE].startswith("https://www.elysee.fr/")


def test_pledges_table_reads_without_colour(tiny, paris):
    shown = Filters(confidence=("disputed",)).apply_pledges(paris.pledges, None)
    table = T.pledges_table(tiny, shown)
    row = table.iloc[0]
    assert row[T.COL_CONFIDENCE] == "⚠ Disputed"
    assert row[T.COL_STATUS] == "Reported, not confirmed"
    assert row[T.COL_DOMAINS] == "Sea"


def test_quantities_are_written_out(paris):
    row = paris.pledges.set_index(F.PLEDGE).loc["paris-fra-1"]
    assert row[F.QUANTITIES] == "about 6,000 troops"
    assert [f.line() for f in row[F.FIGURES]] == ["about 6,000 troops (Élysée (2026-01-06); confirmed)"]


def test_type_counts_split_conditional(tiny, paris):
    counts = T.type_counts(tiny, paris.pledge_types).set_index("type")
    assert counts.loc["ceasefire_monitoring", "total"] == 3
    assert counts.loc["ceasefire_monitoring", "conditional"] == 2
    assert "mnf_land" in counts.index and counts.loc["mnf_land", "total"] == 1  # the refusal is not counted


def test_brief_matrix_keeps_the_busiest_rows_and_columns(tiny, paris):
    matrix = T.matrix_table(tiny, paris.pledge_types, paris.delegations)
    brief = T.brief_matrix(matrix, rows=2, columns=2)
    assert list(brief.columns) == ["Monitoring", "Force: land"]  # 3 and 2 marks: busiest first
    assert list(brief.index) == ["France", "Coalition of the Willing (all members)"]  # 2 marks, then ties in order
    assert brief.loc["France"].tolist() == [T.CONDITIONAL_MARK, T.CONDITIONAL_MARK]


def test_the_page_table_shows_the_answer_first_and_the_chosen_columns_in_the_tables_order(tiny, paris):
    table = T.pledges_table(tiny, paris.pledges, short_labels=True)
    default = T.PLEDGE_COLUMNS.order(None, table.columns)
    assert default[:4] == [T.COL_PARTICIPANT, T.COL_TYPES, T.COL_STATUS, T.COL_DESCRIPTION]
    assert T.COL_SOURCE in default and T.COL_ID not in default and T.COL_OUTCOME not in default  # no scenario
    # Chosen by id, in any order, unknown ids dropped: shown in the table's order.
    assert T.PLEDGE_COLUMNS.order(["said_by", "participant", "nonsense"], table.columns) == [
        T.COL_PARTICIPANT,
        T.COL_SAID_BY,
    ]
    assert set(T.PLEDGE_COLUMNS.options(table.columns)) == set(table.columns) - set(T.KEY_COLUMNS)


def test_short_labels_name_the_types_on_the_page_and_full_labels_in_exports(tiny, paris):
    short = T.pledges_table(tiny, paris.pledges, short_labels=True)
    full = T.pledges_table(tiny, paris.pledges)
    assert "Force: land, Monitoring" in set(short[T.COL_TYPES])
    assert "Multinational force on land, Ceasefire monitoring and verification" in set(full[T.COL_TYPES])
