"""Map: participants coloured by a measure the user picks, offline, with the list of everyone beside it."""

import streamlit as st

from summit.i18n import _
from summit_ui.context import page_context
from summit_ui.maps import render_beside_map, render_map_block
from summit_ui.render import render_sentence, render_title

# The map takes three parts of the row and the list one; when the row cannot give the map 480 px and the list
# 260 px (a tablet), the list goes under the map, whole, instead of shrinking beside it.
MAP_ROW_STYLE = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-map_page_main) { flex: 3 1 480px !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-map_page_side) { flex: 1 1 260px !important; }
</style>"""

ctx = page_context()
render_title(_("Map — {meeting}").format(meeting=ctx.meeting_name))
render_sentence(ctx.describe(len(ctx.shown_delegations), "delegations"), ctx.notes)
st.html(MAP_ROW_STYLE)
row = st.container(horizontal=True, wrap=True, gap="medium")
with row.container(key="map_page_main"):
    render_map_block(ctx, key="map_page", height=640)
with row.container(key="map_page_side"):
    render_beside_map(ctx, key="map_page")
