"""Pledges: every pledge and stance with type, status, conditions, quantities, source and confidence."""

from summit.tables import pledges_table
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
render_downloads(ctx, "pledges")
