"""Interactive tables: sortable, source links clickable, a selected row opens the participant's profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from summit import tables as T
from summit_ui.context import page_context
from summit_ui.sidebar import reseed_from_url

PROFILE_PAGE = "app_pages/profile.py"
PROFILE_PARAM = "participant"

_COLUMN_CONFIG = {
    # A short link text: "open source ↗" was cut off in the small column.
    T.COL_SOURCE: st.column_config.LinkColumn(T.COL_SOURCE, display_text="open ↗", width="small"),
    T.COL_CODE: None,  # used to open the profile, not shown
    T.COL_ID: None,
    T.COL_PLEDGES: st.column_config.NumberColumn(T.COL_PLEDGES, format="%d", width="small"),
    T.COL_STANCES: st.column_config.NumberColumn(T.COL_STANCES, format="%d", width="small"),
    T.COL_DESCRIPTION: st.column_config.TextColumn(T.COL_DESCRIPTION, width="large"),
}


def open_profile(code: str) -> None:
    """Go to the profile page of a participant, keeping the filters in the URL."""
    params = {**page_context().filters.to_query_params(), PROFILE_PARAM: code}
    reseed_from_url()
    st.switch_page(PROFILE_PAGE, query_params=params)


def render_selectable_table(table: pd.DataFrame, key: str, *, height: int | None = None) -> None:
    """A table whose selected row opens that participant's profile."""
    event = st.dataframe(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        height=height or "auto",
        column_config=_COLUMN_CONFIG,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        open_profile(str(table.iloc[rows[0]][T.COL_CODE]))
    st.caption("Select a row to open that participant's profile. Click a column header to sort.")


def render_plain_table(table: pd.DataFrame, *, height: int | None = None) -> None:
    """A read-only sortable table with clickable source links."""
    st.dataframe(table, hide_index=True, width="stretch", height=height or "auto", column_config=_COLUMN_CONFIG)
