"""Colours and figure styling for a room: charts sized to their slide box with big type, light or dark themes,
and the black-on-white colours of the handouts."""

from __future__ import annotations

import plotly.graph_objects as go

from summit import geo
from summit.briefing.layout import Box
from summit.figures import UNCONDITIONAL_NAME, Chart
from summit.i18n import _
from summit.maps import CONTEXT_NAME

# Figures on slides: fonts and widths scaled for a room (figures.py draws 14 px labels at scale 1).
PROJECTOR_SCALE = 1.8
# The width the colour bar takes at the right of a map.
MAP_COLORBAR_PX = 160
# Plotly traces drawn on a MapLibre map.
MAP_TRACES = ("choroplethmap", "scattermap", "densitymap")

THEMES = ("light", "dark")
# The countries that take no part, on a dark map (light maps keep figures.NEUTRAL): grey, well below the data.
DARK_CONTEXT = "#4a4a4a"
# High-contrast colours per theme: (background, text, muted text, grid).
THEME_COLOURS = {
    "light": ("#ffffff", "#000000", "#1f1f1f", "#bdbdbd"),
    "dark": ("#000000", "#ffffff", "#e6e6e6", "#5c5c5c"),
}

# The handouts (PowerPoint and PDF), as RGB: text, secondary text, table rules, table header, tiles.
INK = (0x00, 0x00, 0x00)
MUTED = (0x33, 0x33, 0x33)
RULE = (0x99, 0x99, 0x99)
HEADER_FILL = (0xE8, 0xE8, 0xE8)
TILE_FILL = (0xF2, 0xF2, 0xF2)


def projector_chart(chart: Chart, box: Box) -> Chart:
    """The projector template: the figure sized to its box on the canvas, thick outlines, big legend.

    Maps are re-centred so that Europe fills the box (the pages fit it to a smaller map); bar labels
    stay level, and the source line gets a row of its own below the axis title.
    """
    # New dicts for every part changed: the chart's own spec may be shared (it is never mutated).
    layout = {
        **chart.spec["layout"],
        "width": box.w,
        "height": box.h,
        "autosize": False,
        "legend": {**chart.spec["layout"].get("legend", {}), "font": {"size": 14 * PROJECTOR_SCALE}},
    }
    traces = list(chart.spec["data"])
    if any(trace["type"] == "bar" for trace in traces):
        traces = [_outlined(trace, 3, textangle=0) if trace["type"] == "bar" else trace for trace in traces]
        layout["margin"] = {**layout.get("margin", {}), "b": 170}
        # The source line starts at the plot's left edge; long axis labels push that edge right, so the
        # line is anchored at the right edge instead, where it cannot run off the figure.
        layout["annotations"] = [
            {**note, "x": 1, "xanchor": "right", "yshift": -118} for note in layout.get("annotations", [])
        ]
    if any(trace["type"] == "choroplethmap" for trace in traces):
        traces = [_outlined(trace, 1.6) if trace["type"] == "choroplethmap" else trace for trace in traces]
        layout["map"] = {**layout.get("map", {}), **geo.fit_view(*geo.EUROPE_BOUNDS, box.w - MAP_COLORBAR_PX, box.h)}
    return Chart({"data": traces, "layout": layout}, chart.title, chart.alt, chart.source)


def _outlined(trace: dict, width: float, **changes) -> dict:
    """A copy of a trace with its outline `width` px wide, and other changes."""
    marker = trace.get("marker", {})
    return {**trace, **changes, "marker": {**marker, "line": {**marker.get("line", {}), "width": width}}}


def blank_map_style(background: str) -> dict:
    """A MapLibre style with nothing but a background colour: no tiles, no glyphs, nothing fetched."""
    layer = {"id": "background", "type": "background", "paint": {"background-color": background}}
    return {"version": 8, "name": f"blank {background}", "sources": {}, "layers": [layer]}


def themed_figure(figure: go.Figure, theme: str) -> go.Figure:
    """A copy of a slide figure recoloured for the light or dark theme (the data colours stay)."""
    background, ink, muted, grid = THEME_COLOURS[theme]
    themed = go.Figure(figure)
    themed.update_layout(
        paper_bgcolor=background,
        plot_bgcolor=background,
        font={"color": ink},
        title={"font": {"color": ink}},
        legend={"bgcolor": background, "bordercolor": ink, "font": {"color": ink}},
    )
    themed.update_xaxes(gridcolor=grid, linecolor=ink, tickfont={"color": ink})
    themed.update_yaxes(gridcolor=grid, linecolor=ink, tickfont={"color": ink})
    themed.update_annotations(font={"color": muted})
    if any(trace.type in MAP_TRACES for trace in themed.data):
        # Built-in styles are light ("white-bg"): the map's own background, around the shapes, is the theme's.
        themed.update_layout(map_style=blank_map_style(background))
        if theme == "dark":
            # On black, the dark outlines vanish and light grey context outshines the data: participants are
            # outlined in the muted ink, other countries are a dark grey parted by the background.
            themed.update_traces(marker_line_color=muted, selector={"type": "choroplethmap"})
            themed.update_traces(
                colorscale=[[0, DARK_CONTEXT], [1, DARK_CONTEXT]],
                marker_line_color=background,
                selector=_named("choroplethmap", CONTEXT_NAME),
            )
    if theme == "dark":
        # Numbers outside the bars are on the background; inside, Plotly picks a colour for the bar.
        themed.update_traces(outsidetextfont={"color": ink}, selector={"type": "bar"})
        themed.update_traces(marker_line_color=ink, selector=_named("bar", UNCONDITIONAL_NAME))
    return themed


def _named(kind: str, name: str):
    """A trace selector by type and name: the marked name in the current language, as the figures name it (a
    slide is built and themed in one run, in one language)."""
    shown = _(name)
    return lambda trace: trace.type == kind and trace.name == shown
