"""Figures as stated, and the one troop figure a participant shows: chosen by the rule, never a sum."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summit import frames as F
from summit.dataset import load_dataset
from summit.filters import Filters
from summit.maps import HOVER_LINES, VALUE, build_map_data
from summit.quantities import Figure, chosen_figure, quantity_line, quantity_text
from summit.schema import Quantity
from summit.vocabulary import Basis, Confidence, Measure
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"measure": "troops", "value": 7500, "bound": "up_to"}, "up to 7,500 troops"),
        ({"measure": "troops", "value": 50, "value_max": 250, "approximate": True}, "about 50–250 troops"),
        ({"measure": "share_of_gdp", "value": 0.25, "bound": "at_least"}, "at least 0.25% of GDP"),
        ({"measure": "units", "value": 5000, "bound": "more_than"}, "more than 5,000 units"),
        ({"measure": "amount", "value": 90_000_000_000, "currency": "EUR"}, "€90 bn"),  # no 9e+10
        ({"measure": "amount", "value": 200e6, "currency": "GBP", "bound": "up_to"}, "up to £200 m"),
        ({"measure": "amount", "value": 16e9, "value_max": 19e9, "currency": "EUR"}, "€16–19 bn"),
        ({"measure": "amount", "value": 2.5e9, "currency": "CAD"}, "CAD 2.5 bn"),  # no common sign: the code
        ({"measure": "amount", "value": 1_234_567, "currency": "USD"}, "US$1,234,567"),  # needs 3 decimals: full
        ({"measure": "amount", "value": 500_000, "currency": "EUR"}, "€500,000"),  # under a million: full
        ({"measure": "troops", "value": 1e16}, "10,000,000,000,000,000 troops"),
        ({"measure": "duration_years", "value": 15}, "15 years"),
        ({"measure": "duration_years", "value": 1}, "1 year"),
        ({"measure": "personnel", "value": 70}, "70 personnel"),
    ],
)
def test_a_figure_reads_as_the_sources_state_it(fields, text):
    assert quantity_text(Quantity(**fields)) == text


def test_what_a_figure_is_goes_beside_it():
    estimate = Quantity(measure="troops", value=7500, bound="up_to", basis="estimate", note="Per The Times.")
    assert quantity_line(estimate) == "up to 7,500 troops (press or analyst estimate; Per The Times.)"
    context = Quantity(measure="troops", value=600, basis="context")
    assert quantity_line(context) == "600 troops (context, not pledged)"
    assert quantity_line(Quantity(measure="troops", value=6000)) == "6,000 troops"


def test_a_range_cannot_also_be_bounded():
    with pytest.raises(ValidationError, match="cannot also have a bound"):
        Quantity(measure="troops", value=50, value_max=250, bound="up_to")


def figure(text, basis=Basis.STATED, date="2026-01-06", confidence=Confidence.CONFIRMED, measure=Measure.TROOPS):
    return Figure("p", measure, text, basis, date, confidence, "Source (2026-01-06)")


@pytest.mark.parametrize(
    ("figures", "chosen"),
    [
        ([], None),
        ([figure("70 personnel", measure=Measure.PERSONNEL)], None),  # the troop measure takes troops only
        ([figure("600", Basis.CONTEXT)], None),  # context is listed, never chosen
        ([figure("up to 7,500", Basis.ESTIMATE, "2026-02"), figure("300", date="2025-03")], "300"),  # stated first
        ([figure("300", date="2025-03"), figure("500", date="2026-01-06")], "500"),  # then the latest
        ([figure("300", date="2026-01-06"), figure("500", date="2026-01")], "300"),  # a month counts as its first day
        ([figure("300", confidence=Confidence.DISPUTED), figure("500", confidence=Confidence.SINGLE_SOURCE)], "500"),
        ([figure("300"), figure("500")], "300"),  # a tie keeps the data's order
        ([figure("up to 7,500", Basis.ESTIMATE), figure("600", Basis.CONTEXT)], "up to 7,500"),
    ],
)
def test_one_figure_is_chosen_by_the_rule(figures, chosen):
    picked = chosen_figure(figures)
    assert (picked.text if picked else None) == chosen


def test_no_state_on_the_troop_map_shows_a_figure_that_is_not_on_record():
    """On the bundled data, with every record of the meeting (earlier and later ones too): each state's troop
    value is one of its own figures as stated, or none; never a sum."""
    dataset = load_dataset(REPO / "data").dataset
    rows = Filters(scope=("earlier", "later")).rows(dataset, F.build_frames(dataset))
    data = build_map_data(dataset, rows.delegations, rows.pledge_types, "troops")
    pledges = rows.pledges
    for code, lines in zip(data.states[F.PARTICIPANT], data.states[HOVER_LINES], strict=True):
        own = [f for figures in pledges.loc[pledges[F.PARTICIPANT] == code, F.FIGURES] for f in figures]
        shown = lines[2]
        if shown != "No public troop figure":
            assert any(shown.lower().startswith(f.text.lower()) for f in own), (code, shown)
    shown_pairs = zip(data.states[VALUE], data.states[HOVER_LINES], strict=True)
    values = dict(zip(data.states[F.PARTICIPANT], shown_pairs, strict=True))
    # The UK: 'up to 7,500' from the press, 70 headquarters staff and 600 in an exercise: one figure, labelled.
    assert values["GBR"][0] == "Press or analyst estimate only"
    assert values["GBR"][1][2] == "Up to 7,500 troops (press or analyst estimate, not an offer)"
    assert sum(line.startswith("On record: ") for line in values["GBR"][1]) == 3
    # Ukraine's own army strength is context, not a contribution.
    assert values["UKR"][0] == "No public troop figure"
