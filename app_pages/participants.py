"""Participants: every delegation, who led it, at which level, and how many pledges it made."""

from summit.i18n import _
from summit.tables import PARTICIPANT_COLUMNS, participants_table
from summit_ui.context import page_context
from summit_ui.exports import render_downloads
from summit_ui.render import render_empty, render_sentence, render_title
from summit_ui.tables import choose_columns, render_selectable_table

ctx = page_context()
render_title(_("Participants — {meeting}").format(meeting=ctx.meeting_name))
table = participants_table(ctx.dataset, ctx.shown_delegations, ctx.shown_pledges)
render_sentence(ctx.describe(len(table), "delegations"), ctx.notes)
if table.empty:
    render_empty(_("No delegations match the current filters."))
else:
    chosen = choose_columns(table, PARTICIPANT_COLUMNS)
    render_selectable_table(table, key="participants_table", height=min(900, 38 + 35 * len(table)), chosen=chosen)
render_downloads(ctx, "participants")
