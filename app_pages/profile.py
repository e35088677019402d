"""Participant profile: delegation, every pledge with its sources, group memberships, attendance over time."""

import streamlit as st

from summit import frames as F
from summit.i18n import _, ngettext
from summit.profile import build_profile
from summit.tables import PROFILE_COLUMNS
from summit_ui.context import page_context
from summit_ui.render import render_sentence, render_title, text_cell
from summit_ui.tables import PROFILE_PARAM, choose_columns, render_plain_table, render_record_table

ctx = page_context()
choices = dict(zip(ctx.frames.participants[F.PARTICIPANT], ctx.frames.participants[F.NAME], strict=True))
requested = st.query_params.get(PROFILE_PARAM)
code = st.selectbox(
    _("Participant"),
    list(choices),
    index=list(choices).index(requested) if requested in choices else None,
    format_func=lambda c: f"{choices[c]} ({c})",
    placeholder=_("Choose a participant"),
    key="profile_participant",
)
if code is None:
    render_title(_("Participant profile"))
    if requested:
        st.warning(_("No participant with the code {code} in this dataset.").format(code=text_cell(requested)))
    st.info(_("Choose a participant above, or select a row in the Participants or Pledges table."))
    st.stop()
if code != requested:
    st.query_params[PROFILE_PARAM] = code

profile = build_profile(ctx.dataset, ctx.frames, code)
render_title(profile.name)
if profile.groups:
    st.text(_("Member of: {groups}").format(groups=", ".join(profile.groups)))

st.subheader(_("Attendance at {series}").format(series=ctx.dataset.meeting_series), anchor=False)
if profile.attendance.empty:
    st.text(_("No delegation recorded at any meeting."))
else:
    render_plain_table(profile.attendance)

records = len(profile.pledges)
st.subheader(_("Pledges and stances ({n})").format(n=records), anchor=False)
render_sentence(
    _("All meetings; shared filters do not narrow this list. {records}").format(
        records=ngettext("{n} record.", "{n} records.", records).format(n=records)
    )
)
if profile.pledges.empty:
    st.text(_("No pledge or stance recorded."))
else:
    render_record_table(profile.pledges, "profile_pledges", chosen=choose_columns(profile.pledges, PROFILE_COLUMNS))
for membership in profile.membership_sources:
    st.caption(text_cell(membership))
