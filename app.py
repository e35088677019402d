"""Summit dashboard: loads the data, draws the shared filters, then runs the page the URL names."""

import streamlit as st

from summit_ui.context import build_context
from summit_ui.data import current_data
from summit_ui.render import render_problem_list, render_problems_banner
from summit_ui.sidebar import render_filters

st.set_page_config(page_title="Summit dashboard", page_icon="🕊️", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/map.py", title="Map", icon=":material/public:", url_path="map"),
    st.Page("app_pages/participants.py", title="Participants", icon=":material/groups:", url_path="participants"),
    st.Page("app_pages/pledges.py", title="Pledges", icon=":material/handshake:", url_path="pledges"),
    st.Page("app_pages/matrix.py", title="Who does what", icon=":material/grid_on:", url_path="matrix"),
    st.Page("app_pages/profile.py", title="Participant profile", icon=":material/person:", url_path="profile"),
    st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("app_pages/sources.py", title="Sources & method", icon=":material/menu_book:", url_path="sources"),
    st.Page("app_pages/briefing.py", title="Briefing", icon=":material/co_present:", url_path="briefing"),
]

page = st.navigation(PAGES)
data = current_data()
render_problems_banner(data.problems, data.stale, data.warnings)
if data.dataset is None or data.frames is None:
    st.title("Summit dashboard")
    st.error("No valid data to show. Fix these problems in the data files, then reload this page.")
    render_problem_list(data.problems)
    st.stop()

filters = render_filters(data.dataset)
build_context(data.dataset, data.frames, filters)
page.run()
