"""Timeline: the coalition's meetings over time, who attended and what changed from one to the next."""

import streamlit as st

from summit.figures import timeline_chart
from summit.timeline import meeting_changes
from summit_ui.context import page_context
from summit_ui.render import render_chart, render_empty, render_title, text_cell

ctx = page_context()
render_title("Timeline of coalition meetings")
if ctx.frames.meetings.empty:
    render_empty("meetings")
else:
    render_chart(timeline_chart(ctx.dataset, ctx.frames.meetings), key="timeline_chart")
    for change in reversed(meeting_changes(ctx.dataset, ctx.frames)):
        with st.expander(f"{change.date:%-d %b %Y} — {text_cell(change.name)}", expanded=change.is_latest):
            st.text(change.summary)
            for line in change.lines:
                st.text(f"• {line}")
