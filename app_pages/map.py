"""Map: participants coloured by a measure the user picks, offline, with the list of everyone beside it."""

import streamlit as st

from summit_ui.context import page_context
from summit_ui.maps import render_beside_map, render_map_block
from summit_ui.render import render_sentence, render_title

ctx = page_context()
render_title(f"Map — {ctx.meeting_name}")
render_sentence(ctx.describe(len(ctx.shown_delegations), "delegations"), ctx.notes)
main, side = st.columns([3, 1])
with main:
    render_map_block(ctx, key="map_page", height=640)
with side:
    render_beside_map(ctx, key="map_page")
