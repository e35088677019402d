"""Timeline: the coalition's meetings over time, who attended and what changed from one to the next."""

import streamlit as st

from summit.figures import timeline_chart
from summit.filters import scope_note
from summit.i18n import _, format_number, ngettext
from summit.timeline import MEETINGS_PER_PAGE, meeting_changes, newest_first_page, page_count, timeline_meetings
from summit_ui.cached import memo_chart
from summit_ui.context import page_context
from summit_ui.render import SCOPE_HINT, render_chart, render_empty, render_sentence, render_title, text_cell

ctx = page_context()
render_title(_("Timeline of {series}").format(series=ctx.dataset.meeting_series))
# Every meeting, not only the chosen one; the other filters apply.
shown = ctx.filters.rows(ctx.dataset, ctx.frames, all_meetings=True)
render_sentence(
    ctx.filters.describe(ctx.dataset, len(shown.pledges), "pledges and stances", all_meetings=True),
    [
        f"{note} {_(SCOPE_HINT)}"
        if (note := scope_note(ctx.filters, ctx.dataset, ctx.frames, all_meetings=True))
        else ""
    ],
)
if ctx.frames.meetings.empty:
    render_empty(_("No meetings match the current filters."))
else:
    meetings = timeline_meetings(ctx.frames.meetings, shown.delegations, shown.pledges)
    render_chart(memo_chart(ctx, "timeline", lambda: timeline_chart(ctx.dataset, meetings)), key="timeline_chart")
    changes = meeting_changes(ctx.dataset, shown.delegations, shown.pledges, shown.pledge_types)
    pages = page_count(changes)
    page = 1
    if pages > 1:
        page = st.number_input(
            _("Page (of {pages}), newest meetings first").format(pages=pages), 1, pages, 1, key="timeline_page"
        )
        meetings_count = ngettext("{n} meeting", "{n} meetings", len(changes)).format(n=format_number(len(changes)))
        st.caption(_("{meetings}, {per_page} per page.").format(meetings=meetings_count, per_page=MEETINGS_PER_PAGE))
    for change in newest_first_page(changes, page):
        with st.expander(f"{change.days} — {text_cell(change.name)}", expanded=change.is_latest):
            st.text(change.text)
