"""Plotly figures. Each comes with a title, a source line with the as-of date, and alt text."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from babel.dates import format_date

from summit import frames as F
from summit import tables as T
from summit.dataset import Dataset
from summit.i18n import LOCALES, N_, _, current_language, format_short_day, ngettext
from summit.tables import type_counts
from summit.vocabulary import (
    CONFIDENCE_LABELS,
    CONFIDENCE_MARKS,
    MEETING_FORMAT_LABELS,
    PALETTE,
    Confidence,
    MeetingFormat,
)

FONT = "DejaVu Sans, Arial, sans-serif"
INK = "#1a1a1a"
# The source line under a chart: smaller, quieter text that still reads at 9.7:1 on white (WCAG AA: 4.5:1).
SOURCE_INK = "#444444"
GRID = "#d9d9d9"
NEUTRAL = "#DDDDDD"
# Conditional pledges are drawn hatched as well as lighter, so the split reads without colour.
CONDITIONAL_PATTERN = "/"
# Legend name of the solid part of the type bars (the briefing's dark theme outlines that part).
UNCONDITIONAL_NAME = N_("No condition stated")
# The house template is Plotly's default look ("plotly") cut to the trace types and layout parts these
# charts use. The full template is 7 KB: Plotly validates it on every figure built or copied (8 ms
# each) and Streamlit sends it with every chart; the cut one is about 1.2 KB and looks the same here.
DRAWN_TRACES = ("bar", "scatter", "choroplethmap", "scattermap")
UNUSED_LAYOUT = ("geo", "polar", "ternary", "scene", "mapbox", "coloraxis", "colorscale")


def _house_template() -> dict:
    plotly = pio.templates["plotly"].to_plotly_json()
    return {
        "data": {kind: v for kind, v in plotly["data"].items() if kind in DRAWN_TRACES},
        "layout": {key: v for key, v in plotly["layout"].items() if key not in UNUSED_LAYOUT},
    }


TEMPLATE = _house_template()


@dataclass(frozen=True)
class Chart:
    """A figure, as plain Plotly data, and the words that go with it.

    spec is {"data": [traces], "layout": {...}}, shared read-only (charts are cached): derive, never mutate.
    The go.Figure is built from it when first asked for. Building one validates every property (a few
    ms per chart), which a deck of slides need not pay for charts nobody looks at.
    """

    spec: dict
    title: str
    alt: str
    source: str

    @cached_property
    def figure(self) -> go.Figure:
        """The validated Plotly figure (built once)."""
        return go.Figure(self.spec)


def figure_spec(traces: list[dict], layout: dict) -> dict:
    """A figure as plain data, with the house template."""
    return {"data": traces, "layout": {"template": TEMPLATE, **layout}}


def plotly_text(text: object) -> str:
    """Data text for anything Plotly draws (labels, hovers, annotations), where <, > and & are markup."""
    return html.escape(str(text), quote=False)


def source_line(dataset: Dataset) -> str:
    """'Source: <dataset title>, data as of 28 Feb 2026.' as plain text (escaped where it enters a figure)."""
    return _("Source: {title}; data as of {day}.").format(
        title=dataset.info.title, day=format_short_day(dataset.info.as_of)
    )


def short_month(day: pd.Timestamp) -> str:
    """'Feb 2026', 'févr. 2026': a month and year in a short sentence (English as the code has always written it)."""
    if current_language() == "en":
        return f"{day:%b %Y}"
    return format_date(day, "LLL y", locale=LOCALES[current_language()])


def chart_layout(title: str, source: str, specific: dict, *, height: int = 420, scale: float = 1.0) -> dict:
    """Shared look around a chart's own layout: title, readable fonts, source line under the plot, no clutter."""
    source_note = {
        "text": plotly_text(source),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -int(62 * scale),
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 12 * scale, "color": SOURCE_INK},
    }
    return {
        **specific,
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top", "font": {"size": 20 * scale}},
        "font": {"family": FONT, "size": 14 * scale, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "height": int(height * scale),
        # The source line sits below the x-axis title, so the bottom margin holds both.
        "margin": {"l": 10, "r": 30, "t": int(90 * scale), "b": int(100 * scale)},
        "hoverlabel": {"font": {"size": 14 * scale}},
        # Tick labels and axis titles get the room they need (the left margin alone would clip "30" to "0").
        "xaxis": {**specific.get("xaxis", {}), "automargin": True},
        "yaxis": {**specific.get("yaxis", {}), "automargin": True},
        "annotations": [*specific.get("annotations", []), source_note],
    }


def type_bar_chart(dataset: Dataset, pledge_types: pd.DataFrame, meeting_name: str, *, scale: float = 1.0) -> Chart:
    """Horizontal bars: pledges per commitment type, split into unconditional and conditional."""
    counts = type_counts(dataset, pledge_types).sort_values(T.TOTAL_COUNT)
    # What Plotly draws is escaped; the alt text below uses the labels as written.
    drawn = {column: list(counts[column].map(plotly_text)) for column in (T.TYPE_SHORT_LABEL, T.TYPE_LABEL)}
    title = _("Pledges by commitment type")
    bars = []
    if not counts.empty:
        # Two stacked bars per type: without condition (solid), then conditional (hatched).
        shared = {
            "type": "bar",
            "y": drawn[T.TYPE_SHORT_LABEL],
            "customdata": [[label] for label in drawn[T.TYPE_LABEL]],
            "orientation": "h",
        }
        colours = list(counts[T.TYPE_COLOUR])
        unconditional = {
            **shared,
            "x": counts[T.UNCONDITIONAL_COUNT],
            "name": _(UNCONDITIONAL_NAME),
            "marker": {"color": colours, "line": {"color": INK, "width": 1}},
            "hovertemplate": _("{label}: {count} without condition").format(label="%{customdata[0]}", count="%{x}")
            + "<extra></extra>",
            "text": counts[T.UNCONDITIONAL_COUNT].where(counts[T.UNCONDITIONAL_COUNT] > 0, ""),
            "textposition": "inside",
        }
        conditional = {
            **shared,
            "x": counts[T.CONDITIONAL_COUNT],
            "name": _("Conditional"),
            "marker": {
                "color": "white",
                "line": {"color": colours, "width": 2},
                "pattern": {"shape": CONDITIONAL_PATTERN, "fgcolor": colours, "solidity": 0.4},
            },
            "hovertemplate": _("{label}: {count} conditional").format(label="%{customdata[0]}", count="%{x}")
            + "<extra></extra>",
            # The number at the end of the bar is the total; the hatched part's count is in the hover.
            "text": counts[T.TOTAL_COUNT],
            "textposition": "outside",
        }
        bars = [unconditional, conditional]
    layout = {
        "barmode": "stack",
        # Legend under the title, left-aligned, so it never overlaps a long title.
        "legend": {
            "orientation": "h",
            "y": 1.0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
            "traceorder": "normal",
        },
        "xaxis": {
            "title": _("Number of pledges"),
            "gridcolor": GRID,
            "dtick": 5 if counts[T.TOTAL_COUNT].max() > 12 else 1,
        }
        if not counts.empty
        else {},
        "yaxis": {"automargin": True},
    }
    height = max(260, 34 * len(counts) + 140)
    spec = figure_spec(bars, chart_layout(title, source_line(dataset), layout, height=height, scale=scale))
    top = counts.sort_values(T.TOTAL_COUNT, ascending=False).head(3)
    if len(top):
        each = _("{label}: {total} ({conditional} conditional)")
        types = "; ".join(
            each.format(label=label, total=total, conditional=conditional)
            for label, total, conditional in zip(
                top[T.TYPE_LABEL], top[T.TOTAL_COUNT], top[T.CONDITIONAL_COUNT], strict=True
            )
        )
        alt = _("Bar chart of pledges per commitment type; {types}.").format(types=types)
    else:
        alt = _("Bar chart of pledges per commitment type; no pledges.")
    return Chart(spec, title, alt, source_line(dataset))


def confidence_bar_chart(dataset: Dataset, pledges: pd.DataFrame, *, scale: float = 1.0) -> Chart:
    """Records per confidence level, each bar labelled with its text mark."""
    counts = pledges[F.CONFIDENCE].value_counts()
    levels = [c for c in Confidence if counts.get(str(c), 0)]
    labels = [f"{CONFIDENCE_MARKS[c]} {CONFIDENCE_LABELS[c]}" for c in levels]
    values = [int(counts[str(c)]) for c in levels]
    colours = [PALETTE[3], PALETTE[5], PALETTE[6], PALETTE[9]]
    bar = {
        "type": "bar",
        "x": values,
        "y": labels,
        "orientation": "h",
        "text": values,
        "textposition": "outside",
        "marker": {"color": [colours[list(Confidence).index(c)] for c in levels], "line": {"color": INK, "width": 1}},
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    layout = {
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"title": _("Records"), "gridcolor": GRID},
    }
    title = _("Pledges and stances by confidence")
    spec = figure_spec([bar], chart_layout(title, source_line(dataset), layout, height=300, scale=scale))
    alt = _("Bar chart of records by confidence: {levels}.").format(
        levels=", ".join(f"{lab} {v}" for lab, v in zip(labels, values, strict=True))
    )
    return Chart(spec, title, alt, source_line(dataset))


def timeline_chart(dataset: Dataset, meetings: pd.DataFrame, *, scale: float = 1.0) -> Chart:
    """Meetings over time: one marker per meeting, height = delegations identified, shape = format.

    Names are in the hover and in the list under the chart, not on the plot, where 19 meetings in a year
    would pile up; only the meeting with the most records is labelled.
    """
    symbols = {MeetingFormat.IN_PERSON: "circle", MeetingFormat.VIRTUAL: "diamond-open", MeetingFormat.HYBRID: "square"}
    traces = [
        {
            "type": "scatter",
            "x": of_format[F.MEETING_DATE],
            "y": of_format[F.DELEGATION_COUNT],
            "mode": "markers",
            "name": MEETING_FORMAT_LABELS.get(fmt, plotly_text(fmt)),
            "marker": {
                "size": 16 * scale,
                "symbol": symbols.get(fmt, "circle"),
                "color": PALETTE[0] if fmt == MeetingFormat.IN_PERSON else PALETTE[1],
                "line": {"color": INK, "width": 2},
            },
            "customdata": [
                [_meeting_hover(name, day, delegations, records)]
                for name, day, delegations, records in zip(
                    of_format[F.FULL_NAME],
                    of_format[F.MEETING_DATE],
                    of_format[F.DELEGATION_COUNT],
                    of_format[F.PLEDGE_COUNT],
                    strict=True,
                )
            ],
            "hovertemplate": "%{customdata[0]}<extra></extra>",
        }
        for fmt, of_format in meetings.groupby(F.FORMAT, sort=False)
    ]
    annotations = []
    if len(meetings) and meetings[F.PLEDGE_COUNT].max() > 0:
        busiest = meetings.loc[meetings[F.PLEDGE_COUNT].idxmax()]
        annotations.append(
            {
                "x": busiest[F.MEETING_DATE],
                "y": busiest[F.DELEGATION_COUNT],
                "text": plotly_text(
                    _("{meeting}: {records}").format(
                        meeting=busiest[F.MEETING_NAME], records=_records_recorded(busiest[F.PLEDGE_COUNT])
                    )
                ),
                "showarrow": True,
                "arrowhead": 0,
                "ax": -40 * scale,
                "ay": -30 * scale,
                "xanchor": "right",
                "font": {"size": 14 * scale, "color": INK},
            }
        )
    layout = {
        "xaxis": {"gridcolor": GRID},
        "yaxis": {"title": _("Delegations identified"), "gridcolor": GRID, "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        "annotations": annotations,
    }
    series = dataset.meeting_series
    title = _("{series} over time").format(series=f"{series[:1].upper()}{series[1:]}")
    spec = figure_spec(traces, chart_layout(title, source_line(dataset), layout, height=420, scale=scale))
    alt = (
        ngettext(
            "Timeline of {n} meeting on {start}; height shows the delegations identified at it.",
            "Timeline of {n} meetings from {start} to {end}; height shows the delegations identified at each.",
            len(meetings),
        ).format(
            n=len(meetings),
            start=short_month(meetings[F.MEETING_DATE].min()),
            end=short_month(meetings[F.MEETING_DATE].max()),
        )
        if len(meetings)
        else _("Timeline with no meetings.")
    )
    return Chart(spec, title, alt, source_line(dataset))


def _records_recorded(count: int) -> str:
    """'12 pledges and stances recorded', '1 pledge or stance recorded'."""
    return ngettext("{n} pledge or stance recorded", "{n} pledges and stances recorded", count).format(n=count)


def _meeting_hover(name: str, day: pd.Timestamp, delegations: int, records: int) -> str:
    """A meeting's hover on the timeline, as Plotly markup: its name, its day, its delegations and records."""
    counted = _("{delegations}, {records}").format(
        delegations=ngettext("{n} delegation identified", "{n} delegations identified", delegations).format(
            n=delegations
        ),
        records=_records_recorded(records),
    )
    return "<br>".join(plotly_text(line) for line in (name, format_short_day(day), counted))


def follow_through_chart(dataset: Dataset, counts: pd.DataFrame, meeting_name: str, *, scale: float = 1.0) -> Chart:
    """A meeting's pledges by their status now (summit.changes.follow_through_counts), in the ladder's order,
    each bar labelled with its count and the hover with the dates of the steps that brought them there."""
    from summit.changes import COL_DATES, COL_PLEDGE_COUNT, COL_STATUS_NOW

    labels, values, dates = (counts[c].tolist() for c in (COL_STATUS_NOW, COL_PLEDGE_COUNT, COL_DATES))
    bar = {
        "type": "bar",
        "x": values,
        "y": [plotly_text(label) for label in labels],
        "orientation": "h",
        "text": values,
        "textposition": "outside",
        "customdata": [
            plotly_text(
                ngettext("{status}: {n} pledge ({dates})", "{status}: {n} pledges ({dates})", value).format(
                    status=label, n=value, dates=d or _("as made, no later step")
                )
            )
            for label, value, d in zip(labels, values, dates, strict=True)
        ],
        "marker": {"color": PALETTE[0], "line": {"color": INK, "width": 1}},
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    layout = {
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {
            "title": _("Pledges"),
            "gridcolor": GRID,
            "rangemode": "tozero",
            "dtick": 1 if max(values, default=0) <= 10 else None,
        },
    }
    title = _("What the pledges of {meeting} became").format(meeting=meeting_name)
    spec = figure_spec([bar], chart_layout(title, source_line(dataset), layout, height=340, scale=scale))
    alt = _("Bar chart of the pledges made at {meeting} by their status now: {statuses}.").format(
        meeting=meeting_name,
        statuses=", ".join(f"{label} {value}" for label, value in zip(labels, values, strict=True)),
    )
    return Chart(spec, title, alt, source_line(dataset))
