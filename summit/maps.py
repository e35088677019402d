"""The participants map: an offline MapLibre choropleth over shapes shipped in static/geo/.

No tiles and no base map are fetched (`style="white-bg"`): the only geometry is our own, so the
map draws with the network unplugged. Borders are internationally recognised (see static/geo/README.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from summit import frames as F
from summit import geo
from summit.changes import (
    CHANGE_LABELS,
    MAP_ORDER,
    Change,
    ChangeKind,
    changes_by_participant,
    participant_kinds,
)
from summit.dataset import Dataset
from summit.figures import FONT, INK, NEUTRAL, Chart, figure_spec, plotly_text, source_line
from summit.i18n import N_, Messages, _, collation_key, format_number, ngettext
from summit.quantities import Figure, chosen_figure
from summit.tables import REPORTED_MARK, pledge_mark
from summit.vocabulary import (
    BASIS_LABELS,
    LEVEL_LABELS,
    MEASURE_LABELS,
    NOT_OFFERED,
    Basis,
    Deployment,
    Level,
    Measure,
    Outcome,
    Status,
)

MEASURES = Messages(
    {
        "pledges": N_("Number of pledges"),
        "type": N_("Commitment type"),
        "lead": N_("Lead roles"),
        "troops": N_("Troop figure on record"),
        "level": N_("Level of attendance"),
    }
)
# The map's other figure measures, offered when the data has figures of that kind (figure:share_of_gdp):
# one figure per participant by FIGURE_RULE, never a sum, like the troop figure.
FIGURE_MEASURE = "figure:"
TROOP_MEASURES = (Measure.TROOPS, Measure.PERSONNEL)
FIGURE_NONE = N_("No figure on record")


def map_measures(dataset: Dataset) -> dict[str, str]:
    """The measures the map offers for this dataset: counts, types, lead roles and levels, then one per kind of
    figure its records carry (the troop figure only when some record has troops or personnel)."""
    present = {
        q.measure
        for m in dataset.meetings
        for p in m.pledges
        for q in p.quantities
        if q.basis not in NOT_OFFERED and q.part_of is None and not p.joint_with
    }
    measures = {k: v for k, v in MEASURES.items() if k != "troops" or present & set(TROOP_MEASURES)}
    for measure in Measure:
        # A year ('from 2030') is a date, not a magnitude to colour a map by.
        if measure in present and measure not in TROOP_MEASURES and measure != Measure.YEAR:
            measures[f"{FIGURE_MEASURE}{measure}"] = _("{measure} on record").format(measure=MEASURE_LABELS[measure])
    return measures


def map_title(data: MapData) -> str:
    """'Participants by number of pledges': the legend's title in the sentence, its acronyms kept (GDP)."""
    words = data.legend_title.split(" ")
    first = words[0] if words[0].isupper() else words[0][:1].lower() + words[0][1:]
    return _("Participants by {measure}").format(measure=" ".join([first, *words[1:]]))


def _figure_measure(measure: str) -> Measure | None:
    """The kind of figure a `figure:` measure shows (None for the other measures)."""
    return Measure(measure.removeprefix(FIGURE_MEASURE)) if measure.startswith(FIGURE_MEASURE) else None


# Fixed views: plotly's MapLibre map cannot fit bounds to its on-screen size (and `map.bounds` breaks
# it in plotly 7.1), so the views are fitted to the smallest map; wider maps show more around them.
VIEWS = {"europe": geo.EUROPE_VIEW, "world": geo.WORLD_VIEW}
BORDER_NOTE = N_(
    "Borders as internationally recognised: Crimea is shown as part of Ukraine (UN General Assembly "
    "resolution 68/262). Grey: not a participant."
)
# Sequential, colour-blind-safe (light to dark blue-green, ColorBrewer YlGnBu).
SEQUENTIAL = ["#edf8b1", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
# The troop measure's categories: what kind of figure a participant has (summit.quantities.FIGURE_RULE).
# Categories are kept in English (the keys of CATEGORY_COLOURS) and translated as the map's values are made.
TROOPS_STATED = N_("Figure stated by the participant")
TROOPS_ESTIMATE = N_("Press or analyst estimate only")
TROOPS_NONE = N_("No public troop figure")
NO_RECORD = N_("No record of this type")
# The scenario measure (only when a scenario is set): what becomes of a participant's pledges and refusals.
SCENARIO_MEASURE = "outcome"
SCENARIO_MEASURE_LABEL = N_("Outcome in the scenario")
NO_PLEDGE = N_("No pledge or conditional refusal")
STILL_PLEDGING = N_("Still pledging")
UNCERTAIN = N_("Uncertain")
ALL_LAPSE = N_("Every pledge lapses")
REFUSAL_HOLDS = N_("Refusal holds")
REFUSAL_LIFTED = N_("Refusal lifted")
# How many pledges of a participant meet an outcome, in its hover ('2 stands'): a count of its own per outcome.
_OUTCOME_COUNTS: dict[Outcome, Callable[[int], str]] = {
    Outcome.STANDS: lambda n: ngettext("{n} stands", "{n} stands", n),
    Outcome.LAPSES: lambda n: ngettext("{n} lapses", "{n} lapses", n),
    Outcome.UNCERTAIN: lambda n: ngettext("{n} uncertain", "{n} uncertain", n),
    Outcome.REFUSES: lambda n: ngettext("{n} refusal holds", "{n} refusal holds", n),
    Outcome.LIFTED: lambda n: ngettext("{n} refusal lifted", "{n} refusal lifted", n),
    Outcome.UNAFFECTED: lambda n: ngettext("{n} not conditional", "{n} not conditional", n),
}
# Category colours (Paul Tol muted) with words in the legend and hover, so colour is never alone.
CATEGORY_COLOURS = {
    N_("Lead role"): "#332288",
    N_("Pledge"): "#117733",
    N_("Conditional pledge"): "#44AA99",
    N_("Under consideration"): "#DDCC77",
    N_("Willing if conditions are met"): "#999933",
    N_("Position only"): "#88CCEE",
    N_("Refused under current conditions"): "#AA4499",
    N_("Refused"): "#CC6677",
    NO_RECORD: "#F2F2F2",
    N_("Head of state or government"): "#332288",
    N_("Minister"): "#44AA99",
    N_("Envoy, ambassador or official"): "#DDCC77",
    N_("Attendance unknown"): "#F2F2F2",
    STILL_PLEDGING: "#117733",
    UNCERTAIN: "#DDCC77",
    ALL_LAPSE: "#CC6677",
    REFUSAL_HOLDS: "#882255",
    REFUSAL_LIFTED: "#88CCEE",
    NO_PLEDGE: "#F2F2F2",
    TROOPS_STATED: "#117733",
    TROOPS_ESTIMATE: "#DDCC77",
    TROOPS_NONE: "#F2F2F2",
    FIGURE_NONE: "#F2F2F2",
}
# The Changes page's map: each kind of change a colour (Paul Tol muted, an unchanged participant in light grey),
# named in words (CHANGE_LABELS, in the current language) by change_colours; the legend lists them in MAP_ORDER.
CHANGE_KIND_COLOURS = {
    ChangeKind.WITHDRAWN: "#882255",
    ChangeKind.DOWNGRADED: "#CC6677",
    ChangeKind.UPGRADED: "#117733",
    ChangeKind.ADDED: "#332288",
    ChangeKind.REVISED: "#DDCC77",
    ChangeKind.FOLLOWED_UP: "#88CCEE",
    ChangeKind.REMOVED: "#AA4499",
    ChangeKind.UNCHANGED: "#DDDDDD",
}
CHANGE_MEASURE_LABEL = N_("Kind of change")


def change_colours() -> dict[str, str]:
    """Each kind of change in words (CHANGE_LABELS, in the current language) → its colour."""
    return {CHANGE_LABELS[kind]: colour for kind, colour in CHANGE_KIND_COLOURS.items()}


def category_colours() -> dict[str, str]:
    """CATEGORY_COLOURS with each category in the current language, as the map's values name them."""
    return {_(category): colour for category, colour in CATEGORY_COLOURS.items()}


# A pledge of the type whose every record of it is outside the theatre (Germany's land forces stationed in
# neighbouring states): its category names the country, so it is made per dataset (outside_category).
OUTSIDE_COLOUR = "#6699CC"
# A category without a colour of its own (none today: every value above has one).
OTHER_COLOUR = "#BBBBBB"
_MARK_CATEGORY = {
    "★": N_("Lead role"),
    "●": N_("Pledge"),
    "◐": N_("Conditional pledge"),
    "○": N_("Under consideration"),
    "◔": N_("Willing if conditions are met"),
    # "◌" (reported, not confirmed) has no category: a third-party report alone never colours a participant.
    "◇": N_("Position only"),
    "⊘": N_("Refused under current conditions"),
    "✕": N_("Refused"),
}
# The type map's categories of the matrix marks, strongest first: each has a colour of its own.
MARK_CATEGORIES = tuple(_MARK_CATEGORY.values())
# The categories of a pledge a deployment outside the theatre can qualify (not a lead role: it stays a lead).
_PLEDGE_CATEGORIES = frozenset({"Pledge", "Conditional pledge", "Under consideration"})
_LEVEL_CATEGORY = {
    Level.HEAD_OF_STATE: N_("Head of state or government"),
    Level.HEAD_OF_GOVERNMENT: N_("Head of state or government"),
    Level.MINISTER: N_("Minister"),
}


# Columns of MapData.states, besides F.PARTICIPANT and F.NAME.
VALUE = "value"  # the measure's number, or its category in words
HOVER_LINES = "hover_lines"  # what hovering the state shows, as plain text lines
HOVER = "hover"  # the same as Plotly markup
_STATE_COLUMNS = [F.PARTICIPANT, F.NAME, VALUE, HOVER_LINES]


@dataclass(frozen=True)
class MapData:
    """One row per state shown on the map, with its value for the chosen measure and its hover text."""

    states: pd.DataFrame  # F.PARTICIPANT, F.NAME, VALUE, HOVER_LINES, HOVER
    organisations: pd.DataFrame  # delegations that have no shape (EU, NATO, ...)
    legend_title: str
    numeric: bool
    colours: Mapping[str, str] = field(default_factory=lambda: category_colours())  # category (as shown) → colour


@dataclass
class _Record:
    """What one participant has among the shown pledges: the map's measures are read from this."""

    pledges: set[str] = field(default_factory=set)  # pledge ids, stances and third-party reports excluded
    by_type: Counter = field(default_factory=Counter)  # short type label → pledges, as in `pledges`
    reported: Counter = field(default_factory=Counter)  # short type label → third-party reports (never a colour)
    figures: dict[str, tuple[Figure, ...]] = field(default_factory=dict)  # record id → figures; pledges and reports
    led: set[str] = field(default_factory=set)  # short labels of the types this participant leads
    marks: dict[str, list[str]] = field(default_factory=dict)  # type id → the marks of its records
    outside: dict[str, list[bool]] = field(default_factory=dict)  # type id → per pledge: outside the theatre
    # type id → (outcome, is a pledge) of its pledges and conditional refusals, when a scenario is set
    outcomes: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)


def _records(dataset: Dataset, pledge_types: pd.DataFrame) -> dict[str, _Record]:
    """One pass over the (pledge, type) rows, grouped by participant."""
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    forces = {t.id for t in dataset.commitment_types.values() if t.domain is not None}
    records: dict[str, _Record] = {}
    pledge_types = F.each_participant(pledge_types)  # a joint record colours each of its participants
    columns = [F.PARTICIPANT, F.PLEDGE, F.TYPE, F.IS_PLEDGE, F.IS_REPORTED, F.IS_LEAD, F.STATUS, F.IS_CONDITIONAL,
               F.FIGURES, F.DEPLOYMENT, F.JOINT_NAMES]  # fmt: skip
    for code, pledge, type_id, is_pledge, reported, lead, status, conditional, figures, deployment, joint in zip(
        *(pledge_types[c] for c in columns), strict=True
    ):
        record = records.setdefault(code, _Record())
        if is_pledge:
            record.pledges.add(pledge)
            record.by_type[short[type_id]] += 1
            # `deployment` says where forces would be: it qualifies the types of a domain (land, sea, air).
            outside = deployment == Deployment.OUTSIDE and type_id in forces
            record.outside.setdefault(type_id, []).append(outside)
        if reported:
            record.reported[short[type_id]] += 1
        # Once per record, whatever its number of types; a joint record's figures are the record's, never one
        # participant's own (FIGURE_RULE).
        if (is_pledge or reported) and not joint:
            record.figures.setdefault(pledge, figures)
        if lead:
            record.led.add(short[type_id])
        record.marks.setdefault(type_id, []).append(pledge_mark(status, conditional, lead))
    if F.OUTCOME in pledge_types.columns:
        columns = [F.PARTICIPANT, F.TYPE, F.OUTCOME, F.IS_PLEDGE, F.STATUS]
        for code, type_id, result, is_pledge, status in zip(*(pledge_types[c] for c in columns), strict=True):
            if is_pledge or status == Status.CONDITIONAL_REFUSAL:
                records[code].outcomes.setdefault(type_id, []).append((result, bool(is_pledge)))
    return records


def _troop_figures(record: _Record, measures: tuple[Measure, ...] = TROOP_MEASURES) -> list[Figure]:
    """The participant's figures of these kinds (troops and personnel by default), record by record."""
    return [f for figures in record.figures.values() for f in figures if f.measure in measures]


def _hover_lines(name: str, heads: str, record: _Record, value_text: str, details: list[str]) -> list[str]:
    """What hovering a state shows, line by line, as plain text (the name first)."""
    lines = [name, heads, value_text, *details]
    if record.by_type:
        by_type = ", ".join(f"{k} {v}" for k, v in record.by_type.most_common())
        lines.append(_("Pledges by type: {counts}").format(counts=by_type))
    if record.reported:
        reported = ", ".join(f"{k} {v}" for k, v in record.reported.most_common())
        lines.append(_("Reported, not confirmed: {counts}").format(counts=reported))
    return [line for line in lines if line]


def plotly_hover(lines: list[str]) -> str:
    """Hover lines as Plotly markup: data escaped (Plotly reads <b>, <a href>, ... in it), the name in bold."""
    return "<br>".join([f"<b>{plotly_text(lines[0])}</b>", *map(plotly_text, lines[1:])]) if lines else ""


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
    records = _records(dataset, pledge_types)
    theatre = F.theatre_name(dataset)
    rows = []
    columns = [F.PARTICIPANT, F.NAME, F.HEADS, F.LEVEL, F.ATTENDANCE, F.ATTENDANCE_LABEL]
    for code, name, heads, level, attendance, attendance_label in zip(*(states[c] for c in columns), strict=True):
        record = records.get(code) or _Record()
        value, text = _measure_value(measure, record, Level(level), attendance, attendance_label, type_id, theatre)
        # The troop measure lists every figure on record, each with its source and confidence.
        kinds = TROOP_MEASURES if measure == "troops" else (kind,) if (kind := _figure_measure(measure)) else ()
        on_record = [_("On record: {figure}").format(figure=f.line()) for f in _troop_figures(record, kinds)]
        lines = _hover_lines(name, heads, record, text, on_record)
        rows.append({F.PARTICIPANT: code, F.NAME: name, VALUE: value, HOVER_LINES: lines})
    frame = pd.DataFrame(rows, columns=_STATE_COLUMNS)
    frame[HOVER] = frame[HOVER_LINES].map(plotly_hover)
    numeric = measure == "pledges"
    if measure == SCENARIO_MEASURE:
        title = _(SCENARIO_MEASURE_LABEL)
        if type_id:
            title = _("{measure}: {type}").format(measure=title, type=dataset.commitment_types[type_id].label)
    else:
        title = (
            map_measures(dataset).get(measure, MEASURES.get(measure, measure))
            if measure != "type" or not type_id
            else dataset.commitment_types[type_id].label
        )
    return MapData(
        frame, organisations, title, numeric, {**category_colours(), outside_category(theatre): OUTSIDE_COLOUR}
    )


def change_map_data(dataset: Dataset, changes: Iterable[Change]) -> MapData:
    """Every state with a record at either moment, coloured by the first kind of its records' changes in
    MAP_ORDER (summit.changes.participant_kinds); the hover lists each of its changes. Organisations, which
    have no shape, are listed beside the map."""
    changes = list(changes)
    kinds = participant_kinds(changes)
    changed = changes_by_participant(changes)
    shapes = geo.load_centroids()
    order = {kind: i for i, kind in enumerate(MAP_ORDER)}
    rows = []
    for code in sorted(kinds, key=lambda c: (order[kinds[c]], collation_key(F.participant_name(dataset, c)))):
        if code not in shapes:
            continue
        name = F.participant_name(dataset, code)
        own = changed.get(code, [])
        each = _("{change}: {detail}")
        lines = [
            name,
            CHANGE_LABELS[kinds[code]],
            *(each.format(change=CHANGE_LABELS[c.kind], detail=c.detail) for c in own),
        ]
        rows.append({F.PARTICIPANT: code, F.NAME: name, VALUE: CHANGE_LABELS[kinds[code]], HOVER_LINES: lines})
    frame = pd.DataFrame(rows, columns=_STATE_COLUMNS)
    frame[HOVER] = frame[HOVER_LINES].map(plotly_hover)
    organisations = pd.DataFrame({F.PARTICIPANT: [c for c in kinds if c not in shapes]})
    return MapData(frame, organisations, _(CHANGE_MEASURE_LABEL), False, change_colours())


def outside_category(theatre: str) -> str:
    """The type map's category of a participant whose pledges of the type are all outside the theatre."""
    return _("Pledge from outside {theatre} only").format(theatre=theatre)


def _measure_value(
    measure: str,
    record: _Record,
    level: Level,
    attendance: str,
    attendance_label: str,
    type_id: str | None,
    theatre: str,
) -> tuple[object, str]:
    if measure == "pledges":
        count = len(record.pledges)
        return count, ngettext("{n} pledge", "{n} pledges", count).format(n=count)
    if measure == "troops":  # one figure, chosen by FIGURE_RULE: figures of different records are never added
        return _figure_value(chosen_figure(_troop_figures(record)), TROOPS_NONE)
    if (kind := _figure_measure(measure)) is not None:  # any other kind of figure, by the same rule
        return _figure_value(chosen_figure(_troop_figures(record, (kind,)), kind), FIGURE_NONE)
    if measure == "level":
        if attendance == "unknown" and level not in _LEVEL_CATEGORY:
            category = N_("Attendance unknown")
        else:
            category = _LEVEL_CATEGORY.get(level, N_("Envoy, ambassador or official"))
        return _(category), _("{level}, {attendance}").format(
            level=LEVEL_LABELS[level], attendance=attendance_label.lower()
        )
    if measure == SCENARIO_MEASURE:
        return _scenario_value(record, type_id)
    if measure == "lead":
        led = sorted(record.led)
        if led:
            return _("Lead role"), _("Leads: {types}").format(types=", ".join(led))
        return _(NO_RECORD), _("No lead role")
    # measure == "type": the strongest mark this participant has for the chosen type
    marks = record.marks.get(type_id, []) if type_id else []
    coloured = [m for m in marks if m in _MARK_CATEGORY]  # a third-party report alone leaves the state uncoloured
    order = list(_MARK_CATEGORY)
    category = _MARK_CATEGORY[min(coloured, key=order.index)] if coloured else NO_RECORD
    if not coloured and REPORTED_MARK in marks:
        return _(category), _("Reported by the press or an analyst, not confirmed: not a pledge")
    pledged_outside = record.outside.get(type_id or "", [])
    if category in _PLEDGE_CATEGORIES and pledged_outside and all(pledged_outside):
        outside = _("{category}, from outside {theatre} only").format(category=_(category), theatre=theatre)
        return outside_category(theatre), outside
    return _(category), _(category)


def _figure_value(chosen: Figure | None, none: str) -> tuple[str, str]:
    """A participant's chosen figure as a map category (stated, or an estimate that is not an offer) and text."""
    if chosen is None:
        return _(none), _(none)
    text = chosen.text[:1].upper() + chosen.text[1:]
    if chosen.basis == Basis.STATED:
        return _(TROOPS_STATED), text
    return _(TROOPS_ESTIMATE), _("{figure} ({basis}, not an offer)").format(
        figure=text, basis=BASIS_LABELS[chosen.basis]
    )


def _scenario_value(record: _Record, type_id: str | None) -> tuple[str, str]:
    """The participant in the scenario: its pledges (of the type, or all) first, then its conditional refusals."""
    rows = record.outcomes.get(type_id, []) if type_id else [r for rs in record.outcomes.values() for r in rs]
    pledged = Counter(result for result, is_pledge in rows if is_pledge)
    refusals = {result for result, is_pledge in rows if not is_pledge}
    words = ", ".join(_OUTCOME_COUNTS[o](pledged[o]).format(n=pledged[o]) for o in Outcome if pledged[o])
    each = _("{category}: {pledges}")
    if pledged[Outcome.STANDS]:
        return _(STILL_PLEDGING), each.format(category=_(STILL_PLEDGING), pledges=words)
    if pledged[Outcome.UNCERTAIN] or Outcome.UNCERTAIN in refusals:
        return _(UNCERTAIN), each.format(category=_(UNCERTAIN), pledges=words or _("refusal"))
    if pledged[Outcome.LAPSES]:
        return _(ALL_LAPSE), each.format(category=_(ALL_LAPSE), pledges=words)
    if Outcome.LIFTED in refusals:
        return _(REFUSAL_LIFTED), _(REFUSAL_LIFTED)
    if Outcome.REFUSES in refusals:
        return _(REFUSAL_HOLDS), _(REFUSAL_HOLDS)
    return _(NO_PLEDGE), _(NO_PLEDGE)


# The grey shapes of the countries that are not participants, in the briefing's map.
CONTEXT_NAME = N_("Not a participant")


def map_chart(data: MapData, view: str, dataset: Dataset, *, height: int = 620, scale: float = 1.0) -> Chart:
    """The map as a Plotly choropleth, for the briefing's slides and handouts (the pages use `page_map`):
    grey context shapes, participants coloured by the measure, markers for small states.

    The shapes are referred to by URL (geo.WORLD_GEOJSON_URL), fetched once by the browser from the
    app's own host: the figure is about 13 KB instead of 440 KB per redraw, and cheap to build and copy.
    For an image drawn outside the app, `geo.inline_geometry` puts the shapes in.
    """
    world = geo.load_world_geojson()
    shown = set(data.states[F.PARTICIPANT])
    context_codes = [f["id"] for f in world["features"] if f["id"] not in shown]
    traces: list[dict] = [
        {
            "type": "choroplethmap",
            "geojson": geo.WORLD_GEOJSON_URL,
            "locations": context_codes,
            "z": [0] * len(context_codes),
            "colorscale": [[0, NEUTRAL], [1, NEUTRAL]],
            "showscale": False,
            "marker": {"line": {"color": "white", "width": 0.6}},
            "hoverinfo": "skip",
            "name": _(CONTEXT_NAME),
        }
    ]
    states = data.states
    if data.numeric:
        values = states[VALUE].fillna(0)
        traces.append(
            {
                "type": "choroplethmap",
                "geojson": geo.WORLD_GEOJSON_URL,
                "locations": list(states[F.PARTICIPANT]),
                "z": values,
                "zmin": 0,
                "zmax": max(1.0, float(values.max())) if len(values) else 1.0,
                "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                "marker": {"line": {"color": INK, "width": 0.8}},
                "customdata": [[hover] for hover in states[HOVER]],
                "hovertemplate": "%{customdata[0]}<extra></extra>",
                "colorbar": {
                    "title": {"text": plotly_text(data.legend_title), "side": "right"},
                    "thickness": 18 * scale,
                    "len": 0.6,
                },
                "name": data.legend_title,
            }
        )
    else:
        for category, of_category in states.groupby(VALUE, sort=False):
            colour = data.colours.get(str(category), OTHER_COLOUR)
            traces.append(
                {
                    "type": "choroplethmap",
                    "geojson": geo.WORLD_GEOJSON_URL,
                    "locations": list(of_category[F.PARTICIPANT]),
                    "z": [1] * len(of_category),
                    "colorscale": [[0, colour], [1, colour]],
                    "showscale": False,
                    "showlegend": True,
                    "marker": {"line": {"color": INK, "width": 0.8}},
                    "customdata": [[hover] for hover in of_category[HOVER]],
                    "hovertemplate": "%{customdata[0]}<extra></extra>",
                    "name": _("{category} ({count})").format(category=category, count=len(of_category)),
                }
            )
    traces.extend(_small_state_markers(states, data.numeric, scale, data.colours))
    title = map_title(data)
    layout = {
        "map": {"style": "white-bg", **VIEWS[view]},
        "height": int(height * scale),
        "title": {"text": plotly_text(title), "x": 0, "xanchor": "left", "font": {"size": 20 * scale}},
        "margin": {"l": 0, "r": 0, "t": int(44 * scale), "b": 0},
        "font": {"family": FONT, "size": 14 * scale, "color": INK},
        "legend": {
            # Plotly reads <b>, <a href> ... in every label; the legend title can be a type's label from the data.
            "title": {"text": plotly_text(data.legend_title)},
            "x": 0.01,
            "y": 0.99,
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": INK,
            "borderwidth": 1,
            "font": {"size": 14 * scale},
        },
        "hoverlabel": {"font": {"size": 14 * scale}},
        "paper_bgcolor": "white",
    }
    return Chart(figure_spec(traces, layout), title, alt_text(data), source_line(dataset))


def _small_state_markers(states: pd.DataFrame, numeric: bool, scale: float, palette: Mapping[str, str]) -> list[dict]:
    small = geo.small_states(states[F.PARTICIPANT])
    if not small:
        return []
    centroids = geo.load_centroids()
    rows = states.set_index(F.PARTICIPANT).loc[small]
    colours = [SEQUENTIAL[-2]] * len(rows) if numeric else [palette.get(str(v), OTHER_COLOUR) for v in rows[VALUE]]
    marker = {
        "type": "scattermap",
        "lon": [centroids[c][0] for c in small],
        "lat": [centroids[c][1] for c in small],
        # Markers only: text on a MapLibre map needs glyphs from a font server, which is not offline.
        "mode": "markers",
        "text": small,
        "marker": {"size": 14 * scale, "color": colours},
        "customdata": [[hover] for hover in rows[HOVER]],
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "showlegend": False,
        "name": _("Small states"),
    }
    return [marker]


def alt_text(data: MapData) -> str:
    """The map in one sentence, for screen readers and the caption."""
    states = data.states
    if states.empty:
        return _("Map with no participating states for the current filters.")
    n, measure = len(states), data.legend_title.lower()
    if data.numeric:
        top = states.sort_values(VALUE, ascending=False).head(3)
        leaders = ", ".join(
            f"{name} ({format_number(value)})"
            for name, value in zip(top[F.NAME], top[VALUE], strict=True)
            if pd.notna(value)
        )
        return ngettext(
            "Map of {n} participating state shaded by {measure}; highest: {leaders}.",
            "Map of {n} participating states shaded by {measure}; highest: {leaders}.",
            n,
        ).format(n=n, measure=measure, leaders=leaders)
    counts = states[VALUE].value_counts()
    return ngettext(
        "Map of {n} participating state by {measure}: {counts}.",
        "Map of {n} participating states by {measure}: {counts}.",
        n,
    ).format(n=n, measure=measure, counts=", ".join(f"{k} {v}" for k, v in counts.items()))


def scale_colour(fraction: float) -> str:
    """The colour of the sequential scale at `fraction` (0..1), interpolated in RGB as Plotly does."""
    fraction = min(max(fraction, 0.0), 1.0) * (len(SEQUENTIAL) - 1)
    low = min(int(fraction), len(SEQUENTIAL) - 2)
    start, end = (tuple(int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)) for c in SEQUENTIAL[low : low + 2])
    return "#" + "".join(f"{round(a + (b - a) * (fraction - low)):02x}" for a, b in zip(start, end, strict=True))


@dataclass(frozen=True)
class PageMap:
    """The map of the Map and Overview pages: JSON data for summit_ui's MapLibre component, and its words."""

    payload: dict
    title: str
    alt: str
    source: str


def page_map(data: MapData, view: str, dataset: Dataset) -> PageMap:
    """The map of the Map and Overview pages, for the MapLibre component in summit_ui.

    Colours are worked out here, so the browser only paints: one colour and the hover lines (plain text)
    per state, a marker per small state, the legend, and the view's bounds (west, south, east, north).
    Shapes come from geo.WORLD_GEOJSON_URL; states not listed are drawn in the neutral grey.
    """
    states = data.states
    if data.numeric:
        values = [float(v) for v in states[VALUE].fillna(0)]
        top = max(1.0, *values) if values else 1.0
        colours = [scale_colour(v / top) for v in values]
        legend = {
            "kind": "scale",
            "title": data.legend_title,
            "colours": SEQUENTIAL,
            "min": "0",
            "max": format_number(top),
        }
    else:
        colours = [data.colours.get(str(v), OTHER_COLOUR) for v in states[VALUE]]
        counts = Counter(str(v) for v in states[VALUE])
        legend = {
            "kind": "categories",
            "title": data.legend_title,
            "items": [
                {
                    "label": _("{category} ({count})").format(category=category, count=count),
                    "colour": data.colours.get(category, OTHER_COLOUR),
                }
                for category, count in counts.items()
            ],
        }
    colour_of = dict(zip(states[F.PARTICIPANT], colours, strict=True))
    centroids = geo.load_centroids()
    hovers = dict(zip(states[F.PARTICIPANT], states[HOVER_LINES], strict=True))
    payload = {
        "geojson": geo.WORLD_GEOJSON_URL,
        "bounds": geo.VIEW_BOUNDS[view],
        "neutral": NEUTRAL,
        "ink": INK,
        "states": [{"code": code, "colour": colour_of[code], "hover": hovers[code]} for code in states[F.PARTICIPANT]],
        "markers": [
            {"code": code, "lon": centroids[code][0], "lat": centroids[code][1], "colour": colour_of[code]}
            for code in geo.small_states(states[F.PARTICIPANT])
        ],
        "legend": legend,
    }
    return PageMap(payload, map_title(data), alt_text(data), source_line(dataset))
