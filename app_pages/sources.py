"""Sources & method: every source, the confidence breakdown, open questions, data problems, licence."""

import streamlit as st

from summit import frames as F
from summit.figures import confidence_bar_chart
from summit.frames import cited_sources
from summit.i18n import _, format_day
from summit.overview import COUNTING_RULES
from summit_ui.cached import memo_chart
from summit_ui.context import page_context
from summit_ui.data import current_data
from summit_ui.render import render_chart, render_empty, render_problem_list, render_sentence, render_title

ctx = page_context()
info = ctx.dataset.info
render_title(_("Sources & method"))
st.text(
    _("{title}. Data as of {day}. Licence: {licence}.").format(
        title=info.title, day=format_day(info.as_of), licence=info.licence
    )
)
st.subheader(_("How to cite"), anchor=False)
st.code(info.citation, language=None, wrap_lines=True)

st.subheader(_("Confidence"), anchor=False)
st.markdown(
    _(
        "Each record carries one of four levels: **● Confirmed** (two or more independent sources, or an official "
        "page), **◐ Single source**, **⚠ Disputed** (sources disagree; both claims are recorded) and "
        "**○ Unverified**."
    )
)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)
if ctx.shown_pledges.empty:
    render_empty(_("No pledges or stances match the current filters."))
else:
    chart = memo_chart(ctx, "confidence", lambda: confidence_bar_chart(ctx.dataset, ctx.shown_pledges))
    render_chart(chart, key="confidence_chart")

data = current_data()
st.subheader(_("Data problems ({n})").format(n=len(data.problems)), anchor=False)
if data.problems:
    render_problem_list(data.problems)
else:
    st.text(_("None: every file passed validation."))
if data.warnings:
    st.subheader(_("Files not read ({n})").format(n=len(data.warnings)), anchor=False)
    render_problem_list(data.warnings, located=False)

if ctx.meeting and ctx.meeting.meeting.open_questions:
    st.subheader(_("Open questions — {meeting}").format(meeting=ctx.meeting_name), anchor=False)
    for question in ctx.meeting.meeting.open_questions:
        st.text(f"• {question}")

st.subheader(_("All sources ({n})").format(n=len(ctx.frames.sources)), anchor=False)
st.dataframe(
    cited_sources(ctx.frames)[[F.PUBLISHER, F.TITLE, F.PUBLISHED, F.SOURCE_KIND_LABEL, F.CITED_BY, F.URL]],
    hide_index=True,
    width="stretch",
    column_config={
        F.PUBLISHER: st.column_config.TextColumn(_("Publisher")),
        F.TITLE: st.column_config.TextColumn(_("Title"), width="large"),
        F.PUBLISHED: st.column_config.TextColumn(_("Published")),
        F.URL: st.column_config.LinkColumn(_("Link"), display_text=_("open ↗")),
        F.CITED_BY: st.column_config.NumberColumn(_("Records citing it"), format="%d"),
        F.SOURCE_KIND_LABEL: st.column_config.TextColumn(_("Kind"), help=_("Who published it")),
    },
)
st.subheader(_("How the headline figures count"), anchor=False)
st.markdown("\n".join(f"- **{_(label)}**: {_(rule)}" for label, rule in COUNTING_RULES.items()))
st.subheader(_("Method"), anchor=False)
st.markdown(
    _(
        "Records are written in our own words from the cited sources. Unknown heads of delegation are recorded as "
        "unknown, never guessed. A person is counted in one delegation per meeting; a second role is noted. "
        "See `docs/data-format.md` in the repository for every field."
    )
)
