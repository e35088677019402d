"""Pledges: every pledge and stance with type, status, conditions, quantities, source and confidence."""

import streamlit as st

from summit.i18n import _, ngettext
from summit.tables import PLEDGE_COLUMNS, pledges_table
from summit.vocabulary import DOMAIN_RULE
from summit_ui.context import page_context
from summit_ui.exports import render_downloads
from summit_ui.render import render_empty, render_sentence, render_title
from summit_ui.tables import choose_columns, render_record_table

ctx = page_context()
render_title(_("Pledges and stances — {meeting}").format(meeting=ctx.meeting_name))
table = pledges_table(ctx.dataset, ctx.shown_pledges, short_labels=True)
render_sentence(ctx.describe(len(table), "pledges and stances"), ctx.notes)
chosen = choose_columns(table, PLEDGE_COLUMNS)
if table.empty:
    render_empty(_("No pledges or stances match the current filters."))
else:
    render_record_table(table, "pledges_table", chosen=chosen)
if not ctx.set_apart.empty:
    apart = pledges_table(ctx.dataset, ctx.set_apart, short_labels=True)
    set_apart = ngettext(
        "Set apart: {n} record that names no domain", "Set apart: {n} records that name no domain", len(apart)
    )
    st.subheader(set_apart.format(n=len(apart)), anchor=False)
    st.caption(_(DOMAIN_RULE))
    render_record_table(apart, "set_apart_table", chosen=[c for c in chosen if c in apart.columns])
render_downloads(ctx, "pledges")
