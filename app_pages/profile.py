"""Participant profile: delegation, every pledge with its sources, group memberships, attendance over time."""

import streamlit as st

from summit import frames as F
from summit.profile import build_profile
from summit.tables import PROFILE_COLUMNS
from summit_ui.context import page_context
from summit_ui.render import render_sentence, render_title, text_cell
from summit_ui.tables import PROFILE_PARAM, choose_columns, render_plain_table, render_record_table

ctx = page_context()
choices = dict(zip(ctx.frames.participants[F.PARTICIPANT], ctx.frames.participants[F.NAME], strict=True))
requested = st.query_params.get(PROFILE_PARAM)
code = st.selectbox(
    "Participant",
    list(choices),
    index=list(choices).index(requested) if requested in choices else None,
    format_func=lambda c: f"{choices[c]} ({c})",
    placeholder="Choose a participant",
    key="profile_participant",
)
if code is None:
    render_title("Participant profile")
    if requested:
        st.warning(f"No participant with the code {text_cell(requested)} in this dataset.")
    st.info("Choose a participant above, or select a row in the Participants or Pledges table.")
    st.stop()
if code != requested:
    st.query_params[PROFILE_PARAM] = code

profile = build_profile(ctx.dataset, ctx.frames, code)
render_title(profile.name)
if profile.groups:
    st.text("Member of: " + ", ".join(profile.groups))

st.subheader(f"Attendance at {ctx.dataset.meeting_series}", anchor=False)
if profile.attendance.empty:
    st.text("No delegation recorded at any meeting.")
else:
    render_plain_table(profile.attendance)

st.subheader(f"Pledges and stances ({len(profile.pledges)})", anchor=False)
render_sentence(f"All meetings; shared filters do not narrow this list. {len(profile.pledges)} records.")
if profile.pledges.empty:
    st.text("No pledge or stance recorded.")
else:
    render_record_table(profile.pledges, "profile_pledges", chosen=choose_columns(profile.pledges, PROFILE_COLUMNS))
for membership in profile.membership_sources:
    st.caption(text_cell(membership))
