"""Who does what: participants × commitment types, with lead roles, conditions and refusals marked."""

import streamlit as st

from summit.i18n import _, format_day, ngettext
from summit.tables import MATRIX_LEGEND, SCENARIO_LEGEND, matrix_table
from summit_ui.context import page_context
from summit_ui.render import render_empty, render_sentence, render_title, text_cell
from summit_ui.tables import translated_index

ctx = page_context()
render_title(_("Who does what — {meeting}").format(meeting=ctx.meeting_name))
matrix = matrix_table(ctx.dataset, ctx.shown_pledge_types, ctx.shown_delegations)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)
legend = {**MATRIX_LEGEND, **(SCENARIO_LEGEND if ctx.filters.in_scenario else {})}
st.markdown("  ·  ".join(f"**{text_cell(mark)}** {_(meaning)}" for mark, meaning in legend.items()))
if matrix.empty or not len(matrix.columns):
    render_empty(_("No pledges or stances match the current filters."))
else:
    st.dataframe(
        translated_index(matrix),
        width="stretch",
        height=min(1200, 38 + 35 * len(matrix)),
        # The participant names are the index, drawn narrow and grey by default: "Coalition of the W…".
        column_config={"_index": st.column_config.TextColumn(width="medium")},
    )
    shown = ngettext("Rows: {n} participant shown.", "Rows: {n} participants shown.", len(matrix)).format(n=len(matrix))
    st.caption(
        _(
            "{rows} A blank cell means no pledge or stance of that type is recorded, not that the participant refused. "
            "Data as of {day}."
        ).format(rows=shown, day=format_day(ctx.dataset.info.as_of))
    )
