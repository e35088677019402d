"""The map figure: offline by construction, every participant findable, hover text escaped."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from summit import frames as F
from summit import geo
from summit.figures import plotly_text
from summit.maps import (
    CATEGORY_COLOURS,
    MEASURES,
    SEQUENTIAL,
    VALUE,
    build_map_data,
    map_chart,
    page_map,
    scale_colour,
)


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
