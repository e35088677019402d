"""Summit dashboard: loads the data, draws the shared filters, then runs the page the URL names."""

import streamlit as st

from summit.i18n import _, use_language
from summit_ui.context import build_context
from summit_ui.data import current_data, data_as_of, data_in_language
from summit_ui.pages import DEFAULT_PAGE, PAGES
from summit_ui.render import (
    render_as_of_banner,
    render_close_sidebar_on_tablets,
    render_keyboard_paths,
    render_page_language,
    render_print_footer,
    render_print_style,
    render_problem_list,
    render_problems_banner,
)
from summit_ui.sidebar import render_filters, requested_as_of, requested_language

# The language first: every word drawn below, the navigation's included, is in it (summit.i18n).
lang = use_language(requested_language())
st.set_page_config(page_title=_("Summit dashboard"), page_icon="🕊️", layout="wide")

NAVIGATION = [
    st.Page(spec.script, title=_(spec.title), icon=spec.icon, url_path=spec.url_path or None,
            default=spec is DEFAULT_PAGE)
    for spec in PAGES
]  # fmt: skip

page = st.navigation(NAVIGATION)
render_page_language(lang)
render_print_style()
render_keyboard_paths()
render_close_sidebar_on_tablets(page.url_path or "/")
data = current_data()
render_problems_banner(data.problems, data.stale, data.warnings)
if data.dataset is None or data.frames is None:
    st.title(_("Summit dashboard"))
    st.error(_("No valid data to show. Fix these problems in the data files, then reload this page."))
    render_problem_list(data.problems)
    st.stop()

# Every page, and the sidebar's choices, see the data as it stood on the as-of day (the dataset's own by default).
dataset, frames = data_as_of(data.dataset, data.frames, requested_as_of())
dataset, frames = data_in_language(dataset, frames, lang)
filters = render_filters(dataset)
render_as_of_banner(dataset, data.dataset)
build_context(dataset, frames, filters)
page.run()
render_print_footer(dataset.info.as_of.isoformat(), dataset.info.citation, dataset.info.licence)
