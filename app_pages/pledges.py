"""Pledges: every pledge and stance with type, status, conditions, quantities, source and confidence."""

import streamlit as st

from summit.tables import pledges_table
from summit.vocabulary import DOMAIN_RULE
from summit_ui.context import page_context
from summit_ui.exports import render_downloads
from summit_ui.render import render_empty, render_sentence, render_title
from summit_ui.tables import render_selectable_table

ctx = page_context()
render_title(f"Pledges and stances — {ctx.meeting_name}")
table = pledges_table(ctx.dataset, ctx.shown_pledges)
render_sentence(ctx.describe(len(table), "pledges and stances"), ctx.notes)
if table.empty:
    render_empty("pledges or stances")
else:
    render_selectable_table(table, key="pledges_table", height=min(900, 38 + 35 * len(table)))
if not ctx.set_apart.empty:
    apart = pledges_table(ctx.dataset, ctx.set_apart)
    st.subheader(f"Set apart: {len(apart)} records that name no domain", anchor=False)
    st.caption(DOMAIN_RULE)
    render_selectable_table(apart, key="set_apart_table", height=min(600, 38 + 35 * len(apart)))
render_downloads(ctx, "pledges")
