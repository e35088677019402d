"""The map block shared by the Map and Overview pages: controls, map, and the list beside it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from summit import frames as F
from summit.figures import Chart
from summit.maps import BORDER_NOTE, MEASURES, build_map_data, map_chart
from summit.tables import COL_CODE, COL_PARTICIPANT, participants_table
from summit_ui.cached import memo_chart
from summit_ui.context import PageContext
from summit_ui.render import plotly_config, render_empty, slug, table_height, text_cell
from summit_ui.tables import open_profile, render_selectable_table

VIEW_LABELS = {"europe": "Europe", "world": "World"}


def _map_chart(ctx: PageContext, measure: str, view: str, type_id: str | None) -> Chart:
    data = build_map_data(ctx.dataset, ctx.shown_delegations, ctx.shown_pledge_types, measure, type_id)
    return map_chart(data, view, ctx.dataset)


def render_map_block(ctx: PageContext, *, key: str, with_controls: bool = True, height: int = 620) -> None:
    """Measure and view pickers, the map, the border note, and the organisations without a shape."""
    measure, view, type_id = "pledges", "europe", None
    if with_controls:
        # Thirds: the View control needs about 150 px, more than a fifth of the map column at 1280x720.
        left, middle, right = st.columns(3)
        measure = left.selectbox("Colour by", list(MEASURES), format_func=MEASURES.__getitem__, key=f"{key}_measure")
        if measure == "type":
            types = {t.id: t.label for t in ctx.dataset.commitment_types.values()}
            type_id = middle.selectbox("Commitment type", list(types), format_func=types.__getitem__, key=f"{key}_type")
        view = (
            right.segmented_control(
                "View",
                list(VIEW_LABELS),
                format_func=VIEW_LABELS.__getitem__,
                default="europe",
                key=f"{key}_view",
            )
            or "europe"
        )
    if ctx.shown_delegations.empty:
        render_empty("participants")
        return
    chart = memo_chart(ctx, "map", lambda: _map_chart(ctx, measure, view, type_id), measure, view, type_id)
    event = st.plotly_chart(
        chart.figure,
        theme=None,
        config=plotly_config(slug(chart.title)),
        key=f"{key}_chart",
        on_select="rerun",
        selection_mode="points",
        height=height,
        alt=chart.alt,
    )
    _open_selected(event)
    st.caption(text_cell(f"{BORDER_NOTE} {chart.alt} {chart.source}"))


def _open_selected(event) -> None:
    points = (
        (event or {}).get("selection", {}).get("points", [])
        if isinstance(event, dict)
        else getattr(getattr(event, "selection", None), "points", [])
    )
    for point in points or []:
        code = point.get("location") or (point.get("text") if isinstance(point.get("text"), str) else None)
        if code:
            open_profile(code)


def render_beside_map(ctx: PageContext, *, key: str) -> None:
    """Everyone on the map as a list (select to open a profile), organisations first: they have no shape."""
    table = participants_table(ctx.dataset, ctx.shown_delegations, ctx.shown_pledges)
    organisations = ctx.shown_delegations[ctx.shown_delegations[F.KIND] != F.STATE_KIND]
    if not organisations.empty:
        st.markdown("**Organisations (not on the map)**")
        org_table = table[table[COL_CODE].isin(organisations[F.PARTICIPANT])]
        render_selectable_table(_compact(org_table), key=f"{key}_orgs")
    st.markdown("**All participants**")
    # At most 11 rows high; shorter lists get no empty rows below them.
    render_selectable_table(_compact(table), key=f"{key}_list", height=table_height(table, max_rows=11))


def _compact(table: pd.DataFrame) -> pd.DataFrame:
    return table[[COL_PARTICIPANT, COL_CODE, "Pledges", "Stances", "Level"]]
