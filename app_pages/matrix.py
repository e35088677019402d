"""Who does what: participants × commitment types, with lead roles, conditions and refusals marked."""

import streamlit as st

from summit.tables import MATRIX_LEGEND, SCENARIO_LEGEND, matrix_table
from summit_ui.context import page_context
from summit_ui.render import render_empty, render_sentence, render_title, text_cell

ctx = page_context()
render_title(f"Who does what — {ctx.meeting_name}")
matrix = matrix_table(ctx.dataset, ctx.shown_pledge_types, ctx.shown_delegations)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)
legend = {**MATRIX_LEGEND, **(SCENARIO_LEGEND if ctx.filters.in_scenario else {})}
st.markdown("  ·  ".join(f"**{text_cell(mark)}** {meaning}" for mark, meaning in legend.items()))
if matrix.empty or not len(matrix.columns):
    render_empty("pledges or stances")
else:
    st.dataframe(
        matrix,
        width="stretch",
        height=min(1200, 38 + 35 * len(matrix)),
        # The participant names are the index, drawn narrow and grey by default: "Coalition of the W…".
        column_config={"_index": st.column_config.TextColumn(width="medium")},
    )
    st.caption(
        f"Rows: {len(matrix)} participants shown. A blank cell means no pledge or stance of that type is recorded, "
        "not that the participant refused. Data as of " + f"{ctx.dataset.info.as_of:%-d %B %Y}."
    )
