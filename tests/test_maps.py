"""The map figure: offline by construction, every participant findable, hover text escaped."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from summit import frames as F
from summit import geo
from summit.figures import plotly_text
from summit.maps import (
    CATEGORY_COLOURS,
    HOVER,
    HOVER_LINES,
    MARK_CATEGORIES,
    MEASURES,
    OUTSIDE_COLOUR,
    SEQUENTIAL,
    TROOPS_STATED,
    VALUE,
    build_map_data,
    map_chart,
    page_map,
    scale_colour,
)
from summit.quantities import Figure
from summit.vocabulary import Basis, Confidence, Measure


@pytest.fixture(scope="module")
def chart(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "pledges")
    return map_chart(data, "europe", tiny)


def test_map_needs_nothing_from_the_internet(chart):
    layout = chart.figure.layout
    assert layout.map.style == "white-bg"  # no tiles, no style JSON from a server
    assert not layout.map.layers
    for trace in chart.figure.data:
        assert isinstance(trace, (go.Choroplethmap, go.Scattermap))
        if isinstance(trace, go.Scattermap):
            assert "text" not in (trace.mode or ""), "map text needs glyphs from a font server"


def test_participants_are_coloured_and_others_grey(chart):
    context, participants = chart.figure.data[0], chart.figure.data[1]
    assert "FRA" not in context.locations and "RUS" in context.locations
    assert set(participants.locations) == {"FRA", "LUX", "NOR", "USA"}
    assert dict(zip(participants.locations, participants.z, strict=True))["FRA"] == 1


def test_luxembourg_gets_a_marker(chart):
    markers = [t for t in chart.figure.data if isinstance(t, go.Scattermap)]
    assert markers and "LUX" in markers[0].text


def test_hover_names_head_and_pledges_by_type(chart):
    hover = dict(zip(chart.figure.data[1].locations, (c[0] for c in chart.figure.data[1].customdata), strict=True))
    assert "<b>France</b>" in hover["FRA"]
    assert "Emmanuel Macron" in hover["FRA"]
    assert "Pledges by type: " in hover["FRA"] and "Force: land 1" in hover["FRA"]


@pytest.mark.parametrize("measure", list(MEASURES))
def test_every_measure_draws(tiny, paris, measure):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, measure, "mnf_land")
    chart = map_chart(data, "world", tiny)
    assert len(chart.figure.data) >= 2 and chart.alt.startswith("Map of 4 participating states")


def test_type_measure_distinguishes_pledge_and_refusal(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "type", "mnf_land")
    values = dict(zip(data.states[F.PARTICIPANT], data.states[VALUE], strict=True))
    assert values == {
        "FRA": "Conditional pledge",
        "LUX": "Refused",
        "NOR": "No record of this type",
        "USA": "No record of this type",
    }


def test_figure_payload_is_small(chart):
    assert len(json.dumps(chart.figure.to_plotly_json(), default=str)) < 1_000_000


def test_plotly_text_escapes_markup():
    assert plotly_text("<img src=x onerror=alert(1)> & co") == "&lt;img src=x onerror=alert(1)&gt; &amp; co"


def test_page_map_colours_each_state_on_the_scale_and_marks_small_states(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "pledges")
    shown = page_map(data, "europe", tiny)
    states = {s["code"]: s for s in shown.payload["states"]}
    counts = dict(zip(data.states[F.PARTICIPANT], data.states[VALUE], strict=True))
    top = max(counts.values())
    assert set(states) == {"FRA", "LUX", "NOR", "USA"}
    for code, count in counts.items():
        assert states[code]["colour"] == scale_colour(count / top), code
    assert shown.payload["legend"] == {
        "kind": "scale",
        "title": "Number of pledges",
        "colours": SEQUENTIAL,
        "min": "0",
        "max": f"{top:,.0f}",
    }
    [marker] = shown.payload["markers"]  # Luxembourg is too small to see: it gets a marker in its colour
    assert (marker["code"], marker["colour"]) == ("LUX", states["LUX"]["colour"])
    assert shown.payload["bounds"] == geo.EUROPE_BOUNDS and shown.payload["geojson"] == geo.WORLD_GEOJSON_URL
    assert shown.alt.startswith("Map of 4 participating states") and shown.title == "Participants by number of pledges"


def test_page_map_hover_is_plain_text_and_legend_counts_categories(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "type", "mnf_land")
    shown = page_map(data, "world", tiny)
    france = next(s for s in shown.payload["states"] if s["code"] == "FRA")
    assert france["hover"][:2] == ["France", "Emmanuel Macron, President of the Republic"]  # drawn as text, unescaped
    assert france["colour"] == CATEGORY_COLOURS["Conditional pledge"]
    assert {"label": "No record of this type (2)", "colour": CATEGORY_COLOURS["No record of this type"]} in (
        shown.payload["legend"]["items"]
    )
    assert shown.payload["bounds"] == geo.WORLD_BOUNDS


def test_scale_colour_runs_through_the_scale():
    assert [scale_colour(f) for f in (0, 0.2, 1, 1.5, -1)] == [
        SEQUENTIAL[0],
        SEQUENTIAL[1],
        SEQUENTIAL[-1],
        SEQUENTIAL[-1],
        SEQUENTIAL[0],
    ]
    assert scale_colour(0.1) == "#b6e2b6"  # halfway between the first two stops


# --- every measure, state by state, stated by hand ------------------------------------------------
# Paris in the tiny data: France pledges troops (6,000, one pledge of two types) on land and for monitoring
# after a ceasefire; Luxembourg rules out troops and pledges logistics after a ceasefire; Norway (not
# named, attendance unknown) only calls for a sea mission; the US leads monitoring and is reported on the
# sea force; the EU, an organisation, pledges money and has no shape.
HEADS = {
    "FRA": ["France", "Emmanuel Macron, President of the Republic"],
    "LUX": ["Luxembourg", "Luc Frieden, Prime Minister"],
    "NOR": ["Norway", "Not identified"],
    "USA": ["United States", "Steve Witkoff, Special Envoy"],
}
BY_TYPE = {  # stances are not pledges: Luxembourg's refusal and Norway's call are left out
    "FRA": ["Pledges by type: Force: land 1, Monitoring 1"],
    "LUX": ["Pledges by type: Logistics 1"],
    "NOR": [],
    # The press report of US support at sea is listed apart: it is not a pledge.
    "USA": ["Pledges by type: Monitoring 1", "Reported, not confirmed: Force: sea 1"],
}
NONE = "No record of this type"
# The troop measure lists every figure on record with its sources and confidence.
ON_RECORD = {"FRA": ["On record: about 6,000 troops (Élysée (2026-01-06); confirmed)"]}
MEASURE_VALUES = {
    ("pledges", None): {
        "FRA": (1, "1 pledge"),
        "LUX": (1, "1 pledge"),
        "NOR": (0, "0 pledges"),
        "USA": (1, "1 pledge"),
    },
    ("troops", None): {  # France's figure once, though its pledge has two types
        "FRA": ("Figure stated by the participant", "About 6,000 troops"),
        "LUX": ("No public troop figure", "No public troop figure"),
        "NOR": ("No public troop figure", "No public troop figure"),
        "USA": ("No public troop figure", "No public troop figure"),
    },
    ("level", None): {
        "FRA": ("Head of state or government", "Head of state, in person"),
        "LUX": ("Head of state or government", "Head of government, in person"),
        "NOR": ("Head of state or government", "Head of government, not known"),
        "USA": ("Envoy, ambassador or official", "Envoy, in person"),
    },
    ("lead", None): {
        "FRA": (NONE, "No lead role"),
        "LUX": (NONE, "No lead role"),
        "NOR": (NONE, "No lead role"),
        "USA": ("Lead role", "Leads: Monitoring"),
    },
    ("type", "mnf_land"): {
        "FRA": ("Conditional pledge", "Conditional pledge"),
        "LUX": ("Refused", "Refused"),
        "NOR": (NONE, NONE),
        "USA": (NONE, NONE),
    },
    ("type", "mnf_sea"): {
        "FRA": (NONE, NONE),
        "LUX": (NONE, NONE),
        "NOR": ("Position only", "Position only"),
        # A third-party report alone never colours a participant: the US keeps the colour of no record.
        "USA": (NONE, "Reported by the press or an analyst, not confirmed: not a pledge"),
    },
    ("type", "ceasefire_monitoring"): {  # the US leads: its lead outranks its plain pledge
        "FRA": ("Conditional pledge", "Conditional pledge"),
        "LUX": (NONE, NONE),
        "NOR": (NONE, NONE),
        "USA": ("Lead role", "Lead role"),
    },
}
TITLES = {
    ("pledges", None): "Number of pledges",
    ("troops", None): "Troop figure on record",
    ("level", None): "Level of attendance",
    ("lead", None): "Lead roles",
    ("type", "mnf_land"): "Multinational force on land",
    ("type", "mnf_sea"): "Multinational force at sea",
    ("type", "ceasefire_monitoring"): "Ceasefire monitoring and verification",
}


def shown_values(data) -> dict[str, tuple[object, str]]:
    rows = zip(data.states[F.PARTICIPANT], data.states[VALUE], data.states[HOVER_LINES], strict=True)
    return {code: (None if pd.isna(value) else value, lines[2]) for code, value, lines in rows}


@pytest.mark.parametrize(("measure", "type_id"), list(MEASURE_VALUES), ids=[m for m, _ in MEASURE_VALUES])
def test_each_measure_gives_each_state_its_value_and_hover(tiny, paris, measure, type_id):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, measure, type_id)
    assert shown_values(data) == MEASURE_VALUES[measure, type_id]
    assert data.legend_title == TITLES[measure, type_id]
    assert data.numeric == (measure == "pledges")
    assert list(data.organisations[F.PARTICIPANT]) == ["EU"]  # an organisation is never counted as a state
    for code, lines in zip(data.states[F.PARTICIPANT], data.states[HOVER_LINES], strict=True):
        details = ON_RECORD.get(code, []) if measure == "troops" else []
        assert lines == [*HEADS[code], MEASURE_VALUES[measure, type_id][code][1], *details, *BY_TYPE[code]]
    hover = dict(zip(data.states[F.PARTICIPANT], data.states[HOVER], strict=True))
    details = ON_RECORD["FRA"] if measure == "troops" else []
    assert hover["FRA"] == "<br>".join(["<b>France</b>", *HEADS["FRA"][1:], MEASURE_VALUES[measure, type_id]["FRA"][1],
                                        *details, *BY_TYPE["FRA"]])  # fmt: skip


def test_type_measure_without_a_type_is_titled_by_the_measure(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "type")
    assert data.legend_title == "Commitment type" and set(data.states[VALUE]) == {NONE}


def with_figures(pledge_types, pledge, *figures):
    """The (pledge, type) rows of `pledge` with its figures replaced."""
    rows = pledge_types[F.PLEDGE] == pledge
    changed = pledge_types[rows].assign(**{F.FIGURES: [tuple(figures)] * int(rows.sum())})
    return pd.concat([pledge_types[~rows], changed])


def figure(pledge, value_text, basis=Basis.STATED, date="2026-01-06", confidence=Confidence.CONFIRMED):
    return Figure(pledge, Measure.TROOPS, value_text, basis, date, confidence, "Élysée (2026-01-06)")


def test_troop_figures_of_two_pledges_are_never_added(tiny, paris):
    """A second French pledge of 500 troops, given later, with two types like the first: France shows 500,
    the later figure, not 6,500 (nor 13,000); both are on record."""
    french = paris.pledge_types[paris.pledge_types[F.PLEDGE] == "paris-fra-1"]
    later = (figure("paris-fra-2", "500 troops", date="2026-02"),)
    second = french.assign(**{F.PLEDGE: "paris-fra-2", F.FIGURES: [later] * len(french)})
    data = build_map_data(tiny, paris.delegations, pd.concat([paris.pledge_types, second]), "troops")
    assert shown_values(data)["FRA"] == ("Figure stated by the participant", "500 troops")
    lines = dict(zip(data.states[F.PARTICIPANT], data.states[HOVER_LINES], strict=True))["FRA"]
    assert [line for line in lines if line.startswith("On record: ")] == [
        "On record: about 6,000 troops (Élysée (2026-01-06); confirmed)",
        "On record: 500 troops (Élysée (2026-01-06); confirmed)",
    ]


def test_an_estimate_is_labelled_and_never_shown_as_an_offer(tiny, paris):
    estimate = figure("paris-fra-1", "up to 7,500 troops", Basis.ESTIMATE)
    pledge_types = with_figures(paris.pledge_types, "paris-fra-1", estimate)
    data = build_map_data(tiny, paris.delegations, pledge_types, "troops")
    assert shown_values(data)["FRA"] == (
        "Press or analyst estimate only",
        "Up to 7,500 troops (press or analyst estimate, not an offer)",
    )
    assert page_map(data, "europe", tiny).payload["legend"]["items"][0]["label"] == "Press or analyst estimate only (1)"


def test_a_context_figure_is_listed_but_never_the_participants_figure(tiny, paris):
    context = figure("paris-fra-1", "more than 600 troops", Basis.CONTEXT)
    pledge_types = with_figures(paris.pledge_types, "paris-fra-1", context)
    data = build_map_data(tiny, paris.delegations, pledge_types, "troops")
    assert shown_values(data)["FRA"] == ("No public troop figure", "No public troop figure")
    lines = dict(zip(data.states[F.PARTICIPANT], data.states[HOVER_LINES], strict=True))["FRA"]
    assert "On record: more than 600 troops, context, not pledged (Élysée (2026-01-06); confirmed)" in lines


def test_a_stance_alone_counts_no_pledge_and_no_troops(tiny, paris):
    """Norway's call for a sea mission, given a troop figure, stays out of the pledge count and the troops:
    a figure in a stance is not an offer."""
    pledge_types = with_figures(paris.pledge_types, "paris-nor-1", figure("paris-nor-1", "300 troops"))
    assert shown_values(build_map_data(tiny, paris.delegations, pledge_types, "pledges"))["NOR"] == (0, "0 pledges")
    troops = shown_values(build_map_data(tiny, paris.delegations, pledge_types, "troops"))["NOR"]
    assert troops == ("No public troop figure", "No public troop figure")


def test_a_delegation_of_unknown_rank_and_attendance_reads_attendance_unknown(tiny, paris):
    delegations = paris.delegations.copy()
    delegations.loc[delegations[F.PARTICIPANT] == "NOR", F.LEVEL] = "official"
    data = build_map_data(tiny, delegations, paris.pledge_types, "level")
    assert shown_values(data)["NOR"] == ("Attendance unknown", "Official, not known")


PAGE_ALTS = {
    ("pledges", None): "Map of 4 participating states shaded by number of pledges; highest: France (1), "
    "Luxembourg (1), United States (1).",
    ("troops", None): "Map of 4 participating states by troop figure on record: No public troop figure 3, "
    "Figure stated by the participant 1.",
    ("lead", None): "Map of 4 participating states by lead roles: No record of this type 3, Lead role 1.",
    ("type", "mnf_sea"): "Map of 4 participating states by multinational force at sea: No record of this type 3, "
    "Position only 1.",
}


@pytest.mark.parametrize(("measure", "type_id"), list(PAGE_ALTS), ids=[m for m, _ in PAGE_ALTS])
def test_alt_text_says_what_the_map_shows(tiny, paris, measure, type_id):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, measure, type_id)
    assert page_map(data, "europe", tiny).alt == PAGE_ALTS[measure, type_id]


def test_alt_text_of_an_empty_view(tiny, paris):
    data = build_map_data(tiny, paris.delegations.iloc[0:0], paris.pledge_types.iloc[0:0], "pledges")
    assert page_map(data, "europe", tiny).alt == "Map with no participating states for the current filters."


def test_page_map_payload_for_a_scale(tiny, paris):
    """Pledges 0–1: the top of the scale is the most pledges, never less than 1."""
    shown = page_map(build_map_data(tiny, paris.delegations, paris.pledge_types, "pledges"), "europe", tiny)
    payload = dict(shown.payload)
    states = payload.pop("states")
    assert payload == {
        "geojson": "app/static/geo/world.geojson",
        "bounds": (-25.0, 34.0, 45.0, 71.5),
        "neutral": "#DDDDDD",
        "ink": "#1a1a1a",
        "markers": [{"code": "LUX", "lon": 6.07, "lat": 49.77, "colour": "#0c2c84"}],
        "legend": {"kind": "scale", "title": "Number of pledges", "colours": SEQUENTIAL, "min": "0", "max": "1"},
    }
    assert {s["code"]: s["colour"] for s in states} == {
        "FRA": "#0c2c84", "LUX": "#0c2c84", "NOR": "#edf8b1", "USA": "#0c2c84"
    }  # fmt: skip
    assert {s["code"]: s["hover"] for s in states} == {
        code: [*HEADS[code], MEASURE_VALUES["pledges", None][code][1], *BY_TYPE[code]] for code in HEADS
    }
    assert (shown.title, shown.source) == (
        "Participants by number of pledges",
        "Source: Tiny test dataset; data as of 28 Feb 2026.",
    )


def test_page_map_scale_tops_at_one_when_nobody_pledged(tiny, paris):
    no_pledges = paris.pledge_types[paris.pledge_types[F.IS_STANCE]]
    shown = page_map(build_map_data(tiny, paris.delegations, no_pledges, "pledges"), "world", tiny)
    assert shown.payload["legend"]["max"] == "1" and shown.payload["bounds"] == geo.WORLD_BOUNDS
    assert {s["colour"] for s in shown.payload["states"]} == {SEQUENTIAL[0]}


def test_page_map_payload_for_categories(tiny, paris):
    data = build_map_data(tiny, paris.delegations, paris.pledge_types, "type", "mnf_land")
    shown = page_map(data, "europe", tiny)
    assert shown.payload["legend"] == {
        "kind": "categories",
        "title": "Multinational force on land",
        "items": [
            {"label": "Conditional pledge (1)", "colour": "#44AA99"},
            {"label": "Refused (1)", "colour": "#CC6677"},
            {"label": "No record of this type (2)", "colour": "#F2F2F2"},
        ],
    }
    assert {s["code"]: s["colour"] for s in shown.payload["states"]} == {
        "FRA": "#44AA99", "LUX": "#CC6677", "NOR": "#F2F2F2", "USA": "#F2F2F2"
    }  # fmt: skip
    assert shown.payload["markers"] == [{"code": "LUX", "lon": 6.07, "lat": 49.77, "colour": "#CC6677"}]


def test_a_refusal_under_current_conditions_is_not_drawn_as_refused(tiny, paris):
    """Luxembourg's refusal of land troops, made conditional ('not while the war lasts'): its own category,
    colour and legend entry, never plain 'Refused'."""
    rows = paris.pledge_types[F.PLEDGE] == "paris-lux-1"
    pledge_types = paris.pledge_types.copy()
    pledge_types.loc[rows, F.STATUS] = "conditional_refusal"
    data = build_map_data(tiny, paris.delegations, pledge_types, "type", "mnf_land")
    assert shown_values(data)["LUX"] == ("Refused under current conditions", "Refused under current conditions")
    legend = page_map(data, "europe", tiny).payload["legend"]["items"]
    entry = next(item for item in legend if item["label"].startswith("Refused under current conditions"))
    assert entry["colour"] == CATEGORY_COLOURS["Refused under current conditions"] != CATEGORY_COLOURS["Refused"]


def with_column(pledge_types, pledge, column, value):
    """The (pledge, type) rows with `column` set to `value` for `pledge`."""
    changed = pledge_types.copy()
    changed.loc[changed[F.PLEDGE] == pledge, column] = value
    return changed


def test_willingness_under_conditions_has_its_own_category_and_is_no_pledge(tiny, paris):
    """Norway's call for a sea mission, recorded instead as willing if conditions are met: its own category and
    colour on the sea map, and still no pledge."""
    pledge_types = with_column(paris.pledge_types, "paris-nor-1", F.STATUS, "conditional_willingness")
    data = build_map_data(tiny, paris.delegations, pledge_types, "type", "mnf_sea")
    assert shown_values(data)["NOR"] == ("Willing if conditions are met", "Willing if conditions are met")
    colours = {item["label"]: item["colour"] for item in page_map(data, "europe", tiny).payload["legend"]["items"]}
    assert colours["Willing if conditions are met (1)"] == CATEGORY_COLOURS["Willing if conditions are met"]
    assert len(set(CATEGORY_COLOURS[c] for c in MARK_CATEGORIES)) == len(MARK_CATEGORIES)  # no colour shared


def test_a_pledge_only_from_outside_the_theatre_is_told_apart(tiny, paris):
    """France's land pledge, made from neighbouring states (deployment: outside): on the land map it is not
    a pledge of troops inside Ukraine (the tiny dataset's theatre)."""
    pledge_types = with_column(paris.pledge_types, "paris-fra-1", F.DEPLOYMENT, "outside")
    data = build_map_data(tiny, paris.delegations, pledge_types, "type", "mnf_land")
    assert shown_values(data)["FRA"] == (
        "Pledge from outside Ukraine only",
        "Conditional pledge, from outside Ukraine only",
    )
    shown = page_map(data, "europe", tiny).payload
    france = next(s for s in shown["states"] if s["code"] == "FRA")
    assert france["colour"] == OUTSIDE_COLOUR not in CATEGORY_COLOURS.values()
    assert {"label": "Pledge from outside Ukraine only (1)", "colour": OUTSIDE_COLOUR} in shown["legend"]["items"]
    # Where forces would be says nothing of where France monitors: the monitoring map keeps the plain category.
    monitoring = build_map_data(tiny, paris.delegations, pledge_types, "type", "ceasefire_monitoring")
    assert shown_values(monitoring)["FRA"][0] == "Conditional pledge"
    # Inside, or not said: the plain category.
    inside = with_column(paris.pledge_types, "paris-fra-1", F.DEPLOYMENT, "inside")
    assert shown_values(build_map_data(tiny, paris.delegations, inside, "type", "mnf_land"))["FRA"][0] == (
        "Conditional pledge"
    )


def test_the_map_offers_a_measure_for_each_kind_of_figure_the_data_has(tiny, tiny_copy):
    import dataclasses

    from summit.dataset import load_dataset
    from summit.filters import Filters
    from summit.frames import build_frames
    from summit.maps import FIGURE_NONE, map_measures

    measures = map_measures(tiny)
    assert "troops" in measures and measures["figure:amount"] == "Amount on record"  # France's troops, EU's €
    assert "figure:share_of_gdp" not in measures  # no record gives one
    no_figures = dataclasses.replace(
        tiny,
        meetings=tuple(
            m.model_copy(update={"pledges": [p.model_copy(update={"quantities": []}) for p in m.pledges]})
            for m in tiny.meetings
        ),
    )
    assert set(map_measures(no_figures)) == {"pledges", "type", "lead", "level"}

    # A share of GDP on Luxembourg's logistics record: the measure appears and colours Luxembourg alone.
    paris_file = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    text = paris_file.read_text(encoding="utf-8")
    marker = "    description: Airlift by A400M and satellite communications.\n"
    share = "    quantities:\n      - measure: share_of_gdp\n        value: 0.1\n        bound: at_least\n"
    paris_file.write_text(text.replace(marker, marker + share), encoding="utf-8")
    dataset = load_dataset(tiny_copy).dataset
    assert dataset is not None
    assert map_measures(dataset)["figure:share_of_gdp"] == "Share of GDP (%) on record"
    rows = Filters().rows(dataset, build_frames(dataset))
    data = build_map_data(dataset, rows.delegations, rows.pledge_types, "figure:share_of_gdp")
    values = dict(zip(data.states[F.PARTICIPANT], data.states[VALUE], strict=True))
    assert values.pop("LUX") == TROOPS_STATED
    assert set(values.values()) == {FIGURE_NONE}
    assert data.legend_title == "Share of GDP (%) on record"
    lux = data.states[data.states[F.PARTICIPANT] == "LUX"][HOVER_LINES].iloc[0]
    assert "At least 0.1% of GDP" in lux and any(line.startswith("On record: at least 0.1% of GDP") for line in lux)
