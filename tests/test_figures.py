"""Charts: right numbers, words that go with them, and data text never read as markup."""

from __future__ import annotations

import json

import plotly.io as pio

from summit.figures import confidence_bar_chart, timeline_chart, type_bar_chart


def test_type_bars_show_the_total_at_the_end(tiny, tiny_frames):
    chart = type_bar_chart(tiny, tiny_frames.pledge_types, "Paris")
    unconditional, conditional = chart.figure.data
    totals = dict(zip(conditional.y, conditional.text, strict=True))
    assert totals["Monitoring"] == 3  # 1 without condition + 2 conditional
    assert dict(zip(unconditional.y, unconditional.x, strict=True))["Monitoring"] == 1
    assert conditional.marker.pattern.shape == "/"  # conditional reads without colour
    # Both meetings' records, earlier and later ones included (this chart counts the rows it is given).
    assert chart.alt.startswith(
        "Bar chart of pledges per commitment type; Logistics and basing: 4 (1 conditional); Ceasefire monitoring"
    )
    assert "data as of 28 Feb 2026" in chart.source


def test_labels_from_the_data_are_escaped(tiny, tiny_frames):
    frames = tiny_frames.pledge_types.assign(type="mnf_land")
    dataset = tiny.__class__(**{**tiny.__dict__, "commitment_types": {
        "mnf_land": tiny.commitment_types["mnf_land"].model_copy(update={"short_label": "<b>x</b>"})
    }})  # fmt: skip
    chart = type_bar_chart(dataset, frames, "Paris")
    assert list(chart.figure.data[0].y) == ["&lt;b&gt;x&lt;/b&gt;"]


def test_confidence_chart_marks_each_level(tiny, tiny_frames):
    chart = confidence_bar_chart(tiny, tiny_frames.pledges)
    assert dict(zip(chart.figure.data[0].y, chart.figure.data[0].x, strict=True)) == {
        "● Confirmed": 5,  # every record of both meetings: this chart is given the rows to count
        "◐ Single source": 5,
        "⚠ Disputed": 1,
    }


def test_timeline_marks_each_meeting(tiny, tiny_frames):
    chart = timeline_chart(tiny, tiny_frames.meetings)
    video, paris = chart.figure.data
    assert (video.name, video.marker.symbol, list(video.y)) == ("Virtual", "diamond-open", [1])
    assert (paris.name, paris.marker.symbol, list(paris.y)) == ("In person", "circle", [5])  # delegations
    labels = [a.text for a in chart.figure.layout.annotations]
    # The count holds Luxembourg's refusal, Norway's call for a sea mission and the two records from before
    # and after the meeting: its words say "recorded".
    assert "Paris, 6 Jan 2026: 10 pledges and stances recorded" in labels


def test_charts_use_the_small_house_template_with_plotlys_look(tiny, tiny_frames):
    figure = type_bar_chart(tiny, tiny_frames.pledge_types, "Paris").figure
    template = figure.layout.template.to_plotly_json()
    plotly = pio.templates["plotly"].to_plotly_json()
    assert len(json.dumps(template)) < 2_000 < len(json.dumps(plotly))  # sent with every chart
    assert template["layout"]["colorway"] == plotly["layout"]["colorway"]
    assert template["data"]["bar"] == plotly["data"]["bar"]  # hatching and outlines as before


def test_a_meetings_hover_counts_one_delegation_and_one_record_in_the_singular():
    import pandas as pd

    from summit.figures import _meeting_hover

    hover = _meeting_hover("Video call", pd.Timestamp("2025-12-01"), 1, 1)
    assert "1 delegation identified, 1 pledge or stance recorded" in hover
    assert "2 delegations identified, 3 pledges and stances recorded" in _meeting_hover(
        "Paris", pd.Timestamp("2026-01-06"), 2, 3
    )
