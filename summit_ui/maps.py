"""The map block shared by the Map and Overview pages: controls, map, and the list beside it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from summit import frames as F
from summit.i18n import N_, Messages, _
from summit.maps import (
    BORDER_NOTE,
    SCENARIO_MEASURE,
    SCENARIO_MEASURE_LABEL,
    PageMap,
    build_map_data,
    map_measures,
    page_map,
)
from summit.tables import COL_CODE, COL_LEVEL, COL_PARTICIPANT, COL_PLEDGES, COL_STANCES, participants_table
from summit_ui.cached import memo_chart
from summit_ui.context import PageContext
from summit_ui.map_component import render_map
from summit_ui.render import render_empty, table_height, text_cell
from summit_ui.tables import open_profile, render_selectable_table

VIEW_LABELS = Messages({"europe": N_("Europe"), "world": N_("World")})


def _page_map(ctx: PageContext, measure: str, view: str, type_id: str | None) -> PageMap:
    data = build_map_data(ctx.dataset, ctx.shown_delegations, ctx.shown_pledge_types, measure, type_id)
    return page_map(data, view, ctx.dataset)


def render_map_block(
    ctx: PageContext, *, key: str, with_controls: bool = True, height: int = 620, scenario_first: bool = False
) -> None:
    """Measure and view pickers, the map, the border note, and the organisations without a shape. With a
    scenario set, the map can be coloured by it (first on the Scenarios page)."""
    measures = map_measures(ctx.dataset)
    if ctx.filters.in_scenario:
        scenario = {SCENARIO_MEASURE: _(SCENARIO_MEASURE_LABEL)}
        measures = {**scenario, **measures} if scenario_first else {**measures, **scenario}
    measure, view, type_id = next(iter(measures)), "europe", None
    if with_controls:
        # Thirds: the View control needs about 150 px, more than a fifth of the map column at 1280x720.
        left, middle, right = st.columns(3)
        measure = left.selectbox(_("Colour by"), list(measures), format_func=measures.__getitem__, key=f"{key}_measure")
        if measure == SCENARIO_MEASURE:
            types = {"": _("Every commitment type")} | {t.id: t.label for t in ctx.dataset.commitment_types.values()}
            chosen = middle.selectbox(
                _("Commitment type"), list(types), format_func=types.__getitem__, key=f"{key}_stype"
            )
            type_id = chosen or None
        if measure == "type":
            types = {t.id: t.label for t in ctx.dataset.commitment_types.values()}
            type_id = middle.selectbox(
                _("Commitment type"), list(types), format_func=types.__getitem__, key=f"{key}_type"
            )
        view = (
            right.segmented_control(
                _("View"),
                list(VIEW_LABELS),
                format_func=VIEW_LABELS.__getitem__,
                default="europe",
                key=f"{key}_view",
            )
            or "europe"
        )
    if ctx.shown_delegations.empty:
        render_empty(_("No participants match the current filters."))
        return
    shown = memo_chart(ctx, "map", lambda: _page_map(ctx, measure, view, type_id), measure, view, type_id)
    selected = render_map(
        shown.payload, key=f"{key}_chart", title=shown.title, alt=shown.alt, source=shown.source, height=height
    )
    if selected:
        open_profile(selected)
    st.caption(text_cell(f"{_(BORDER_NOTE)} {shown.alt} {shown.source}"))


def render_beside_map(ctx: PageContext, *, key: str) -> None:
    """Everyone on the map as a list (select to open a profile), organisations first: they have no shape."""
    table = participants_table(ctx.dataset, ctx.shown_delegations, ctx.shown_pledges)
    organisations = ctx.shown_delegations[ctx.shown_delegations[F.KIND] != F.STATE_KIND]
    if not organisations.empty:
        st.markdown("**" + _("Organisations (not on the map)") + "**")
        org_table = table[table[COL_CODE].isin(organisations[F.PARTICIPANT])]
        render_selectable_table(_compact(org_table), key=f"{key}_orgs")
    st.markdown("**" + _("All participants") + "**")
    # At most 11 rows high; shorter lists get no empty rows below them.
    render_selectable_table(_compact(table), key=f"{key}_list", height=table_height(table, max_rows=11))


def _compact(table: pd.DataFrame) -> pd.DataFrame:
    return table[[COL_PARTICIPANT, COL_CODE, COL_PLEDGES, COL_STANCES, COL_LEVEL]]
