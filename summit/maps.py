"""The participants map: an offline MapLibre choropleth over shapes shipped in static/geo/.

No tiles and no base map are fetched (`style="white-bg"`): the only geometry is our own, so the
map draws with the network unplugged. Borders are internationally recognised (see static/geo/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from summit import frames as F
from summit import geo
from summit.dataset import Dataset
from summit.figures import FONT, INK, NEUTRAL, Chart, plotly_text, source_line
from summit.tables import pledge_mark
from summit.vocabulary import LEVEL_LABELS, Level

MEASURES = {
    "pledges": "Number of pledges",
    "type": "Commitment type",
    "lead": "Lead roles",
    "troops": "Troop contribution (where public)",
    "level": "Level of attendance",
}
# Fixed views: plotly's MapLibre map cannot fit bounds to its on-screen size (and `map.bounds` breaks
# it in plotly 7.1), so the views are fitted to the smallest map; wider maps show more around them.
VIEWS = {"europe": geo.EUROPE_VIEW, "world": geo.WORLD_VIEW}
BORDER_NOTE = (
    "Borders as internationally recognised: Crimea is shown as part of Ukraine (UN General Assembly "
    "resolution 68/262). Grey: not a participant."
)
# Sequential, colour-blind-safe (light to dark blue-green, ColorBrewer YlGnBu).
SEQUENTIAL = ["#edf8b1", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
# Category colours (Paul Tol muted) with words in the legend and hover, so colour is never alone.
CATEGORY_COLOURS = {
    "Lead role": "#332288",
    "Pledge": "#117733",
    "Conditional pledge": "#44AA99",
    "Under consideration": "#DDCC77",
    "Position only": "#88CCEE",
    "Refused": "#CC6677",
    "No record of this type": "#F2F2F2",
    "Head of state or government": "#332288",
    "Minister": "#44AA99",
    "Envoy, ambassador or official": "#DDCC77",
    "Attendance unknown": "#F2F2F2",
}
_MARK_CATEGORY = {
    "★": "Lead role",
    "●": "Pledge",
    "◐": "Conditional pledge",
    "○": "Under consideration",
    "◇": "Position only",
    "✕": "Refused",
}
_LEVEL_CATEGORY = {
    Level.HEAD_OF_STATE: "Head of state or government",
    Level.HEAD_OF_GOVERNMENT: "Head of state or government",
    Level.MINISTER: "Minister",
}


@dataclass(frozen=True)
class MapData:
    """One row per state shown on the map, with its value for the chosen measure and its hover text."""

    states: pd.DataFrame  # participant, name, value (number or category), hover
    organisations: pd.DataFrame  # delegations that have no shape (EU, NATO, ...)
    legend_title: str
    numeric: bool


def _hover(row: pd.Series, by_type: dict[str, str], value_text: str) -> str:
    # value_text quotes data too (the commitment types a participant leads).
    lines = [f"<b>{plotly_text(row[F.NAME])}</b>", plotly_text(row[F.HEADS]), plotly_text(value_text)]
    if by_type:
        lines.append("Pledges by type: " + plotly_text(", ".join(f"{k} {v}" for k, v in by_type.items())))
    return "<br>".join(line for line in lines if line)


def build_map_data(
    dataset: Dataset,
    delegations: pd.DataFrame,
    pledge_types: pd.DataFrame,
    measure: str,
    type_id: str | None = None,
) -> MapData:
    """Values per participant for one measure; organisations are split off (they have no shape)."""
    shapes = geo.load_centroids()
    is_state = delegations[F.PARTICIPANT].isin(shapes.keys())
    states, organisations = delegations[is_state], delegations[~is_state]
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    pledged = pledge_types[~pledge_types[F.IS_STANCE]]
    counts = pledged.groupby(F.PARTICIPANT)[F.PLEDGE].nunique()
    rows = []
    for _, row in states.iterrows():
        code = row[F.PARTICIPANT]
        mine = pledge_types[pledge_types[F.PARTICIPANT] == code]
        by_type = mine[~mine[F.IS_STANCE]][F.TYPE].map(short).value_counts().to_dict()
        value, text = _measure_value(measure, row, mine, int(counts.get(code, 0)), type_id, dataset)
        rows.append({F.PARTICIPANT: code, F.NAME: row[F.NAME], "value": value, "hover": _hover(row, by_type, text)})
    frame = pd.DataFrame(rows, columns=[F.PARTICIPANT, F.NAME, "value", "hover"])
    numeric = measure in ("pledges", "troops")
    title = MEASURES[measure] if measure != "type" or not type_id else dataset.commitment_types[type_id].label
    return MapData(frame, organisations, title, numeric)


def _measure_value(measure: str, row: pd.Series, mine: pd.DataFrame, count: int, type_id: str | None, dataset: Dataset):
    if measure == "pledges":
        return count, f"{count} pledge{'s' if count != 1 else ''}"
    if measure == "troops":
        troops = mine.drop_duplicates(F.PLEDGE)[F.TROOPS].dropna()
        total = float(troops.sum()) if len(troops) else None
        return total, f"Troops (public figures): {total:,.0f}" if total else "No public troop figure"
    if measure == "level":
        if row[F.ATTENDANCE] == "unknown" and row[F.LEVEL] not in _LEVEL_CATEGORY:
            category = "Attendance unknown"
        else:
            category = _LEVEL_CATEGORY.get(Level(row[F.LEVEL]), "Envoy, ambassador or official")
        return category, f"{LEVEL_LABELS[Level(row[F.LEVEL])]}, {row[F.ATTENDANCE_LABEL].lower()}"
    if measure == "lead":
        led = sorted({dataset.commitment_types[t].short_label for t in mine.loc[mine[F.IS_LEAD], F.TYPE]})
        return ("Lead role" if led else "No record of this type"), (
            "Leads: " + ", ".join(led) if led else "No lead role"
        )
    # measure == "type": the strongest mark this participant has for the chosen type
    of_type = mine[mine[F.TYPE] == type_id] if type_id else mine.iloc[0:0]
    marks = [
        pledge_mark(s, c, lead)
        for s, c, lead in zip(of_type[F.STATUS], of_type[F.IS_CONDITIONAL], of_type[F.IS_LEAD], strict=True)
    ]
    order = list(_MARK_CATEGORY)
    category = _MARK_CATEGORY[min(marks, key=order.index)] if marks else "No record of this type"
    return category, category


def map_chart(
    data: MapData, view: str, dataset: Dataset, *, height: int = 620, scale: float = 1.0, geojson_url: str | None = None
) -> Chart:
    """The choropleth: grey context shapes, participants coloured by the measure, markers for small states.

    geojson_url: where the browser can fetch static/geo/world.geojson from the app's own host. Given, the
    figure refers to it instead of inlining shapes (≈20 KB instead of ≈440 KB per redraw); left out, the
    figure is self-contained (for static image export).
    """
    world = geo.load_world_geojson()

    def shapes(codes) -> dict | str:
        return geojson_url if geojson_url else geo.subset_geojson(codes)

    shown = set(data.states[F.PARTICIPANT])
    context_codes = [f["id"] for f in world["features"] if f["id"] not in shown]
    figure = go.Figure()
    figure.add_trace(
        go.Choroplethmap(
            geojson=shapes(context_codes),
            locations=context_codes,
            z=[0] * len(context_codes),
            colorscale=[[0, NEUTRAL], [1, NEUTRAL]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.6}},
            hoverinfo="skip",
            name="Not a participant",
        )
    )
    states = data.states
    participant_geojson = shapes(shown)
    if data.numeric:
        values = states["value"].fillna(0)
        figure.add_trace(
            go.Choroplethmap(
                geojson=participant_geojson,
                locations=states[F.PARTICIPANT],
                z=values,
                zmin=0,
                zmax=max(1.0, float(values.max())) if len(values) else 1.0,
                colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                marker={"line": {"color": INK, "width": 0.8}},
                customdata=states[["hover"]],
                hovertemplate="%{customdata[0]}<extra></extra>",
                colorbar={
                    "title": {"text": plotly_text(data.legend_title), "side": "right"},
                    "thickness": 18 * scale,
                    "len": 0.6,
                },
                name=data.legend_title,
            )
        )
    else:
        for category, of_category in states.groupby("value", sort=False):
            colour = CATEGORY_COLOURS.get(str(category), "#999933")
            figure.add_trace(
                go.Choroplethmap(
                    geojson=shapes(of_category[F.PARTICIPANT]),
                    locations=of_category[F.PARTICIPANT],
                    z=[1] * len(of_category),
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    showlegend=True,
                    marker={"line": {"color": INK, "width": 0.8}},
                    customdata=of_category[["hover"]],
                    hovertemplate="%{customdata[0]}<extra></extra>",
                    name=f"{category} ({len(of_category)})",
                )
            )
    _add_small_state_markers(figure, states, data.numeric, scale)
    title = f"Participants by {data.legend_title.lower()}"
    figure.update_layout(
        map={"style": "white-bg", **VIEWS[view]},
        height=int(height * scale),
        title={"text": plotly_text(title), "x": 0, "xanchor": "left", "font": {"size": 20 * scale}},
        margin={"l": 0, "r": 0, "t": int(44 * scale), "b": 0},
        font={"family": FONT, "size": 14 * scale, "color": INK},
        legend={
            # Plotly reads <b>, <a href> ... in every label; the legend title can be a type's label from the data.
            "title": {"text": plotly_text(data.legend_title)},
            "x": 0.01,
            "y": 0.99,
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": INK,
            "borderwidth": 1,
            "font": {"size": 14 * scale},
        },
        hoverlabel={"font": {"size": 14 * scale}},
        paper_bgcolor="white",
    )
    alt = _alt_text(data)
    return Chart(figure, title, alt, source_line(dataset))


def _add_small_state_markers(figure: go.Figure, states: pd.DataFrame, numeric: bool, scale: float) -> None:
    small = geo.small_states(states[F.PARTICIPANT])
    if not small:
        return
    centroids = geo.load_centroids()
    rows = states.set_index(F.PARTICIPANT).loc[small]
    colours = (
        [SEQUENTIAL[-2]] * len(rows) if numeric else [CATEGORY_COLOURS.get(str(v), "#999933") for v in rows["value"]]
    )
    figure.add_trace(
        go.Scattermap(
            lon=[centroids[c][0] for c in small],
            lat=[centroids[c][1] for c in small],
            # Markers only: text on a MapLibre map needs glyphs from a font server, which is not offline.
            mode="markers",
            text=small,
            marker={"size": 14 * scale, "color": colours},
            customdata=rows[["hover"]],
            hovertemplate="%{customdata[0]}<extra></extra>",
            showlegend=False,
            name="Small states",
        )
    )


def _alt_text(data: MapData) -> str:
    states = data.states
    if states.empty:
        return "Map with no participating states for the current filters."
    if data.numeric:
        top = states.sort_values("value", ascending=False).head(3)
        leaders = ", ".join(f"{r[F.NAME]} ({r['value']:,.0f})" for _, r in top.iterrows() if pd.notna(r["value"]))
        return f"Map of {len(states)} participating states shaded by {data.legend_title.lower()}; highest: {leaders}."
    counts = states["value"].value_counts()
    return (
        f"Map of {len(states)} participating states by {data.legend_title.lower()}: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
        + "."
    )
